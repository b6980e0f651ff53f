package dev.tocsin.alerting.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@code X-Tocsin-Signature: sha256=<hex HMAC-SHA256 of the body>}, keyed
 * with the sink's shared secret, as GitHub signs its webhooks.
 */
public final class WebhookSigner {

  /** The header that carries the signature. */
  public static final String HEADER = "X-Tocsin-Signature";

  private static final String ALGORITHM = "HmacSHA256";
  private static final String PREFIX = "sha256=";

  private WebhookSigner() {}

  /** Returns the header value for {@code body} signed with {@code secret}. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  /** Returns whether {@code header} is a valid signature of {@code body}, in constant time. */
  public static boolean verify(String secret, byte[] body, String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, hmac(secret, body));
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
