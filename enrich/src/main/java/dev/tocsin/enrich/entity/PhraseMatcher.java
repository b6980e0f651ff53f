package dev.tocsin.enrich.entity;

import dev.tocsin.enrich.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every phrase of a dictionary in one pass over a text, on folded text, respecting word
 * boundaries: a phrase must start a word, and must end one unless it is a stem (trailing {@code
 * *}). A word inside a phrase may be a stem too ({@code "военн* сотрудничеств*"} matches "военное
 * сотрудничество" and "военного сотрудничества"): the pass finds the phrase's first stem and the
 * rest of the phrase is then checked where it was found.
 *
 * <p>Since a phrase can only start where a word does, the pass walks a character trie of the keys
 * from each word start and nowhere else, folding characters as it reads them: a text costs about
 * one trie step a word, and a key found inside a word is never looked at.
 */
public final class PhraseMatcher<T> {

  /** A match of a phrase with the value it stands for. */
  public record Hit<T>(T value, int start, int end) {}

  /** A phrase of the dictionary by its key: its value, whether a stem, the rest to match. */
  record Phrase<T>(T value, boolean stem, Pattern rest) {}

  // Orders the hits as a scan that reports each key where it ends would: by the key's end, then by
  // the key's rank (the later of two keys ending at one place first), phrases of one key in turn.
  private record Found<T>(int keyEnd, int rank, Hit<T> hit) {}

  private static final Comparator<Found<?>> FOUND_ORDER =
      (a, b) ->
          a.keyEnd() != b.keyEnd()
              ? Integer.compare(a.keyEnd(), b.keyEnd())
              : Integer.compare(b.rank(), a.rank());

  /**
   * A node of the key trie: its children by character and the phrases a key ends in. Built with
   * arrays in the order children are added, scanned to find one; {@link #freeze} then gives a node
   * with many children an open-addressed table, so that finding a child is a probe or two.
   */
  private static final class Node<T> {
    private static final int SCANNED = 8;

    char[] labels = new char[0];
    Object[] children = new Object[0];
    // The table of a frozen node with more than SCANNED children: labels and children by slot.
    char[] slots;
    Object[] slotChildren;
    int mask;
    List<Phrase<T>> phrases;
    int rank;

    @SuppressWarnings("unchecked")
    Node<T> child(char c) {
      char[] s = slots;
      if (s != null) {
        for (int i = (c * 0x9E37) & mask; ; i = (i + 1) & mask) {
          Object child = slotChildren[i];
          if (child == null || s[i] == c) {
            return (Node<T>) child;
          }
        }
      }
      char[] l = labels;
      for (int i = 0; i < l.length; i++) {
        if (l[i] == c) {
          return (Node<T>) children[i];
        }
      }
      return null;
    }

    Node<T> add(char c) {
      Node<T> existing = child(c);
      if (existing != null) {
        return existing;
      }
      char[] l = Arrays.copyOf(labels, labels.length + 1);
      Object[] k = Arrays.copyOf(children, children.length + 1);
      Node<T> node = new Node<>();
      l[labels.length] = c;
      k[labels.length] = node;
      labels = l;
      children = k;
      return node;
    }

    @SuppressWarnings("unchecked")
    void freeze() {
      if (labels.length > SCANNED) {
        int size = Integer.highestOneBit(labels.length * 3) << 1;
        mask = size - 1;
        slotChildren = new Object[size];
        char[] table = new char[size];
        for (int j = 0; j < labels.length; j++) {
          int i = (labels[j] * 0x9E37) & mask;
          while (slotChildren[i] != null) {
            i = (i + 1) & mask;
          }
          table[i] = labels[j];
          slotChildren[i] = children[j];
        }
        slots = table;
      }
      for (Object child : children) {
        ((Node<T>) child).freeze();
      }
    }
  }

  /**
   * A text read once for any number of matchers: folded, with the offsets where its words start
   * (where a phrase may start). The analysis reads a story's text with several dictionaries.
   */
  public static final class Text {

    private final String text;
    private final char[] folded;
    private final int[] starts;
    private final int count;
    private String foldedText;

    private Text(String text) {
      this.text = text;
      int n = text.length();
      folded = new char[n];
      int[] at = new int[Math.min(n, 64)];
      int words = 0;
      int before = 0;
      for (int i = 0; i < n; i++) {
        char c = TextNormalizer.foldChar(text.charAt(i));
        folded[i] = c;
        int kind = TextNormalizer.charClass(c);
        if (TextNormalizer.startsWord(before, kind)) {
          if (words == at.length) {
            at = Arrays.copyOf(at, at.length * 2);
          }
          at[words++] = i;
        }
        before = kind;
      }
      starts = at;
      count = words;
    }

    /** Reads {@code text}. */
    public static Text of(String text) {
      return new Text(text);
    }

    /** Returns the text as given. */
    public String text() {
      return text;
    }

    private String folded() {
      if (foldedText == null) {
        foldedText = new String(folded);
      }
      return foldedText;
    }
  }

  private final Node<T> root = new Node<>();

  /** Creates a matcher for phrases mapped to the values they stand for. */
  public PhraseMatcher(Map<String, List<T>> dictionary) {
    Map<String, List<Phrase<T>>> phrases = keys(dictionary);
    int rank = 0;
    for (Map.Entry<String, List<Phrase<T>>> e : phrases.entrySet()) {
      Node<T> node = root;
      for (char c : e.getKey().toCharArray()) {
        node = node.add(c);
      }
      node.phrases = List.copyOf(e.getValue());
      node.rank = rank++;
    }
    root.freeze();
  }

  /**
   * Returns the dictionary's phrases by the key a pass looks for: the folded phrase up to its first
   * {@code *}, each with its value, whether it is a stem and the pattern the rest of a phrase with
   * an inner stem must match where the key ends.
   */
  static <T> Map<String, List<Phrase<T>>> keys(Map<String, List<T>> dictionary) {
    Map<String, List<Phrase<T>>> phrases = new HashMap<>();
    dictionary.forEach(
        (raw, values) -> {
          String phrase = TextNormalizer.fold(raw).strip();
          int inner = phrase.indexOf('*');
          boolean stem = phrase.endsWith("*");
          String key;
          Pattern rest = null;
          if (inner >= 0 && inner < phrase.length() - 1) {
            key = phrase.substring(0, inner);
            rest = Pattern.compile(restPattern(phrase.substring(inner)));
            stem = false;
          } else {
            key = stem ? phrase.substring(0, phrase.length() - 1) : phrase;
          }
          if (key.isEmpty()) {
            return;
          }
          for (T value : values) {
            phrases
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(new Phrase<>(value, stem, rest));
          }
        });
    return phrases;
  }

  /** Returns every match in {@code text}, in the order their keys end. */
  public List<Hit<T>> find(String text) {
    return find(Text.of(text));
  }

  /** Returns every match in {@code text}, in the order their keys end. */
  public List<Hit<T>> find(Text text) {
    List<Found<T>> found = null;
    char[] folded = text.folded;
    int n = folded.length;
    for (int w = 0; w < text.count; w++) {
      int start = text.starts[w];
      Node<T> node = root.child(folded[start]);
      for (int end = start + 1; node != null; end++) {
        if (node.phrases != null) {
          if (found == null) {
            found = new ArrayList<>();
          }
          boolean endsWord = end >= n || !TextNormalizer.isWordChar(folded[end]);
          for (Phrase<T> phrase : node.phrases) {
            if (phrase.rest() != null) {
              Matcher matcher = phrase.rest().matcher(text.folded());
              matcher.region(end, n);
              if (matcher.lookingAt()) {
                found.add(
                    new Found<>(end, node.rank, new Hit<>(phrase.value(), start, matcher.end())));
              }
            } else if (endsWord || phrase.stem()) {
              found.add(new Found<>(end, node.rank, new Hit<>(phrase.value(), start, end)));
            }
          }
        }
        node = end < n ? node.child(folded[end]) : null;
      }
    }
    if (found == null) {
      return new ArrayList<>();
    }
    // Hits come by start; only keys that overlap can make them out of order.
    for (int i = 1; i < found.size(); i++) {
      if (FOUND_ORDER.compare(found.get(i - 1), found.get(i)) > 0) {
        found.sort(FOUND_ORDER);
        break;
      }
    }
    List<Hit<T>> hits = new ArrayList<>(found.size());
    found.forEach(f -> hits.add(f.hit()));
    return hits;
  }

  // "* сотрудничеств*" -> the rest of the stem word, then each further word, then a boundary.
  private static String restPattern(String rest) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '*' || c == ' ') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? "[\\p{L}\\p{N}]*" : "\\s+");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    if (!rest.endsWith("*")) {
      regex.append("(?![\\p{L}\\p{N}])");
    }
    return regex.toString();
  }
}
