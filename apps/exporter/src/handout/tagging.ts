// The handout's tagged-PDF structure, written while the pages are drawn: each tagged drawing is a
// marked-content sequence with an MCID, structure elements are created in reading order as their
// content first appears (so their kids are in reading order too), link annotations are owned by
// their Link element through an object reference (OBJR), and the ParentTree maps both back.
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFContext, type PDFRef } from "pdf-lib";
import { pdfText } from "./pdf-text.ts";
import type { StructNode, Tag } from "./layout.ts";

type Kid = { mcid: number; page: PDFRef } | { objr: PDFRef; page: PDFRef } | { node: number };

export interface PageTagger {
  /** Operators that open the marked-content sequence of a drawing with this tag. */
  open(tag: Tag): string;
  /** Records a link annotation of a drawing with this tag; returns its StructParent key. */
  annotation(tag: Tag, annot: PDFRef): number | undefined;
}

export class Tagging {
  private readonly refs = new Map<number, PDFRef>();
  private readonly kids = new Map<number, Kid[]>();
  /** ParentTree entries: per page the element of each MCID; per annotation its element. */
  private readonly parentTree: [number, PDFRef | PDFRef[]][] = [];
  private nextKey = 0;
  private readonly root: PDFRef;

  constructor(
    private readonly context: PDFContext,
    private readonly structure: readonly StructNode[],
  ) {
    this.root = context.nextRef();
  }

  /** Starts a page; returns its StructParents key and what tags its drawings. */
  page(page: PDFRef): { key: number; tagger: PageTagger } {
    const key = this.nextKey++;
    const byMcid: PDFRef[] = [];
    this.parentTree.push([key, byMcid]);
    return {
      key,
      tagger: {
        open: (tag) => {
          if ("artifact" in tag) return tag.artifact === "pagination" ? "/Artifact <</Type /Pagination /Subtype /Footer>> BDC" : "/Artifact BMC";
          const mcid = byMcid.length;
          byMcid.push(this.attach(tag.node));
          this.kidsOf(tag.node).push({ mcid, page });
          return `/${this.structure[tag.node]!.role} <</MCID ${mcid}>> BDC`;
        },
        annotation: (tag, annot) => {
          if ("artifact" in tag) return undefined;
          // A QR code's annotation belongs to the Link around its Figure.
          const owner = this.structure[tag.node]!.role === "Figure" ? this.structure[tag.node]!.parent! : tag.node;
          const key = this.nextKey++;
          this.parentTree.push([key, this.attach(owner)]);
          this.kidsOf(owner).push({ objr: annot, page });
          return key;
        },
      },
    };
  }

  /** Writes the structure elements and the tree's root; returns the StructTreeRoot reference. */
  finish(): PDFRef {
    const { context } = this;
    for (const [index, ref] of this.refs) {
      const node = this.structure[index]!;
      const kids = this.kids.get(index) ?? [];
      const pages = new Set(kids.flatMap((k) => ("node" in k ? [] : [k.page])));
      const onePage = pages.size === 1 ? [...pages][0]! : undefined;
      const k = context.obj(
        kids.map((kid) => {
          if ("node" in kid) return this.refs.get(kid.node)!;
          if ("objr" in kid) return context.obj({ Type: "OBJR", Obj: kid.objr, Pg: kid.page });
          return onePage !== undefined ? PDFNumber.of(kid.mcid) : context.obj({ Type: "MCR", Pg: kid.page, MCID: kid.mcid });
        }),
      );
      const dict: Record<string, unknown> = { Type: "StructElem", S: node.role, P: node.parent === undefined ? this.root : this.refs.get(node.parent)!, K: k };
      if (onePage !== undefined) dict.Pg = onePage;
      if (node.alt !== undefined) dict.Alt = pdfText(node.alt);
      context.assign(ref, context.obj(dict as Parameters<PDFContext["obj"]>[0]));
    }
    const nums = PDFArray.withContext(context);
    for (const [key, value] of this.parentTree) {
      nums.push(PDFNumber.of(key));
      nums.push(Array.isArray(value) ? context.obj(value) : value);
    }
    const parentTree = context.register(PDFDict.fromMapWithContext(new Map([[PDFName.of("Nums"), nums]]), context));
    context.assign(
      this.root,
      context.obj({ Type: "StructTreeRoot", K: this.refs.get(0)!, ParentTree: parentTree, ParentTreeNextKey: this.nextKey }),
    );
    return this.root;
  }

  /** The element's reference, creating it (and its parents, in reading order) on first use. */
  private attach(index: number): PDFRef {
    const known = this.refs.get(index);
    if (known !== undefined) return known;
    const parent = this.structure[index]!.parent;
    if (parent !== undefined) this.attach(parent);
    const ref = this.context.nextRef();
    this.refs.set(index, ref);
    if (parent !== undefined) this.kidsOf(parent).push({ node: index });
    return ref;
  }

  private kidsOf(index: number): Kid[] {
    let list = this.kids.get(index);
    if (list === undefined) this.kids.set(index, (list = []));
    return list;
  }
}
