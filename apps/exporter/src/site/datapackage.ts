// datapackage.json: a Frictionless Data Package (tabular) describing directory.csv, generated from
// the one definition of the CSV's columns (columns.ts), so the two cannot drift. Pure.
import { COLUMNS } from "../columns.ts";

export function dataPackage(title: string, published: string, language: string): Record<string, unknown> {
  return {
    profile: "tabular-data-package",
    name: "training-directory",
    title,
    description:
      "A directory of anti-human-trafficking training resources for law enforcement, with the health of each link at the last check. directory.csv holds every value exactly as written (a database gets what the data says); directory-spreadsheet.csv is the same table for spreadsheets, where a cell that starts with =, +, -, @, a tab or a carriage return gets a leading ' so it is never run as a formula.",
    created: `${published}T00:00:00Z`,
    languages: [language],
    resources: [
      {
        name: "directory",
        path: "directory.csv",
        profile: "tabular-data-resource",
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        dialect: { delimiter: ",", lineTerminator: "\r\n", quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: COLUMNS.map((c) => ({
            name: c.name,
            type: c.type,
            ...(c.format !== undefined ? { format: c.format } : {}),
            description: c.description,
            ...(c.enum !== undefined ? { constraints: { enum: [...c.enum] } } : {}),
          })),
          primaryKey: ["id"],
          missingValues: [""],
        },
      },
    ],
  };
}
