// A realistic directory of any size for the export benchmark: 12 sections, titles in English,
// Spanish and Russian, descriptions of 10–60 words, long URLs, size hints. Deterministic. Pure.
import type { Directory } from "@td/schema";

const TITLES = [
  ["Identifying Victims of Human Trafficking: A Guide for Law Enforcement", "en"],
  ["Guía para la identificación de víctimas de trata de personas", "es"],
  ["Руководство по выявлению жертв торговли людьми для сотрудников полиции", "ru"],
  ["Labor Trafficking Indicators in Agriculture and Construction", "en"],
  ["Protocolo de actuación policial ante casos de explotación laboral", "es"],
  ["Trauma-Informed Interviewing of Survivors: Field Manual", "en"],
  ["Методические рекомендации по расследованию преступлений", "ru"],
  ["Truck Stops and Hotels: Recognising Sex Trafficking", "en"],
] as const;
const WORDS =
  "officers training victims trafficking labor screening indicators interview trauma shelter referral hotline evidence witness investigation prosecution identification immigration certification community outreach partner agency protocol safety recruitment debt coercion exploitation víctimas formación policía жертвы полиция расследование".split(
    " ",
  );
const PUBLISHERS = ["UNODC", "Polaris Project", "U.S. Department of Health and Human Services", "U.S. Department of Homeland Security", "IOM", "OSCE", "ОБСЕ", "Organización Internacional para las Migraciones"];

export function syntheticDirectory(n: number): Directory {
  const sections = Array.from({ length: 12 }, (_, i) => ({ id: `section-${i + 1}`, title: `Section ${i + 1}: ${["Guides", "Fact sheets", "Videos", "Online courses", "Toolkits", "Reports"][i % 6]}` }));
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  return {
    title: "Synthetic training directory",
    sections,
    resources: Array.from({ length: n }, (_, i) => {
      const [title] = TITLES[i % TITLES.length]!;
      const words = 10 + (next() % 51);
      const description = Array.from({ length: words }, () => WORDS[next() % WORDS.length]!).join(" ");
      const pdf = i % 5 !== 4;
      return {
        id: `resource-${i}`,
        title: `${title} (${i})`,
        publisher: PUBLISHERS[i % PUBLISHERS.length]!,
        description: `${description[0]!.toUpperCase()}${description.slice(1)}.`,
        url: `https://www.example-agency-${i % 40}.org/sites/default/files/documents/publications/${2010 + (i % 15)}/training-resource-${i}-${"final-version-for-printing".slice(0, (i % 26) + 1)}.${pdf ? "pdf" : "html"}`,
        format: pdf ? ("pdf" as const) : ("web" as const),
        section: sections[i % sections.length]!.id,
        audiences: ["law-enforcement" as const],
        ...(pdf ? { sizeHint: `PDF ${50 + (i % 900)}KB` } : {}),
      };
    }),
  };
}
