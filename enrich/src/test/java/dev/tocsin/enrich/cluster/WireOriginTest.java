package dev.tocsin.enrich.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireOriginTest {

  // text | expected origin ("-" for none). Datelines, bylines and text credits name the origin;
  // photo credits and passing mentions do not.
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          SEOUL, Nov. 4 (Yonhap) -- North Korea has sent more troops to Russia.   | Yonhap
          SEOUL, Nov. 4 (Yonhap) — North Korea has sent more troops to Russia.    | Yonhap
          By Yonhap News Agency. North Korea fired a ballistic missile on Monday. | Yonhap
          SEOUL (Reuters) - North Korea has sent more troops to Russia.           | Reuters
          North Korea has sent more troops to Russia, officials said. - Reuters   | Reuters
          By Reuters Staff. North Korea has sent more troops to Russia.           | Reuters
          WASHINGTON (AP) — The Pentagon said North Korean troops are in Kursk.   | AP
          KYIV, Ukraine (AP) — North Korean soldiers were captured in Kursk.      | AP
          PARIS (AFP) - North Korea has sent more troops to Russia, Seoul says.   | AFP
          North Korea has sent more troops to Russia, Seoul said. — AFP           | AFP
          PYONGYANG, Nov. 5 (KCNA) -- Kim Jong Un inspected a munitions factory. | KCNA
          The Korean Central News Agency said Kim Jong Un met the delegation.     | KCNA
          Kim Jong Un met the Russian delegation, KCNA said.                      | KCNA
          МОСКВА, 5 ноября. /ТАСС/. Владимир Путин провел переговоры с Ким Чен Ыном. | TASS
          Путин провел переговоры с Ким Чен Ыном в Пхеньяне. — ТАСС                | TASS
          МОСКВА, 5 ноя — РИА Новости. Путин провел переговоры с Ким Чен Ыном.     | RIA Novosti
          Путин и Ким Чен Ын подписали договор (РИА Новости).                       | RIA Novosti
          ПХЕНЬЯН, 5 ноября (ЦТАК). Ким Чен Ын осмотрел военный завод.              | KCNA
          (서울=연합뉴스) 북한이 러시아에 병력을 추가로 보냈다.                            | Yonhap
          (모스크바 로이터=연합뉴스) 러시아와 북한이 군사 협력을 강화했다.                 | Reuters
          (워싱턴 AP=연합뉴스) 미 국방부는 북한군이 쿠르스크에 있다고 밝혔다.              | AP
          (파리 AFP=연합뉴스) 북한군이 러시아에 배치됐다.                                | AFP
          (모스크바 타스=연합뉴스) 푸틴 대통령이 김정은 위원장을 만났다.                    | TASS
          (평양 조선중앙통신=연합뉴스) 김정은 위원장이 군수공장을 시찰했다.                  | KCNA
          조선중앙통신은 김정은 위원장이 군수공장을 현지지도했다고 보도했다.                 | KCNA
          North Korean soldiers train in Russia. Photo: Reuters                   | -
          North Korean soldiers train in Russia. (Photo: AP)                      | -
          North Korean soldiers train in Russia. AP Photo/Ahn Young-joon          | -
          North Korean soldiers train in Russia. Photo: AFP via Getty Images      | -
          Северокорейские военные в России. Фото: Reuters                          | -
          Северокорейские военные в России. Фото — РИА Новости                     | -
          Северокорейские военные в России. Фото: ТАСС                             | -
          러시아에 파병된 북한군. (사진=연합뉴스)                                         | -
          러시아에 파병된 북한군. 사진=로이터                                            | -
          Reuters reported on Friday that North Korean troops had reached Kursk.  | -
          According to Reuters and AFP, troops were seen in Kursk. Seoul reacted.  | -
          The Guardian: North Korean troops are fighting in Kursk, Kyiv says.     | -
          """)
  void shouldFindTheWireOriginFromDatelinesBylinesAndCreditsOnly(String text, String origin) {
    assertThat(WireOrigin.of(text).orElse("-")).isEqualTo(origin);
  }
}
