// The handout's tagged-PDF structure, written while the pages are drawn: each tagged drawing is a
// marked-content sequence with an MCID, link annotations are owned by their Link element through
// an object reference (OBJR), and the ParentTree maps both back. Elements are written as soon as
// they are complete, so memory does not grow with the directory: an element within one entry or
// heading when its page ends (an entry taller than a page continues on the next with an element
// of the same role there, for the part on that page); the elements that span pages
// (Document, TOC, Sect) at the end, holding only their children's numbers until then.
import type { PdfWriter } from "./pdf-writer.ts";
import { array, dict, ref, text } from "./pdf-syntax.ts";
import type { StructNode, StructRole, Tag } from "./layout.ts";

/** Elements that hold other elements only and may run over many pages. */
const SPANNING: ReadonlySet<StructRole> = new Set(["Document", "TOC", "Sect"]);
const LEAVES_PER_NODE = 1024;

type Kid = { mcid: number } | { objr: number } | { node: number };

export interface PageTagger {
  /** The page's StructParents key. */
  readonly key: number;
  /** Operators that open the marked-content sequence of a drawing with this tag. */
  open(tag: Tag): string;
  /** Records a link annotation of a drawing with this tag; returns its StructParent key. */
  annotation(tag: Tag, annot: number): number | undefined;
  /** Writes the page's elements and its ParentTree entry: the page is done. */
  end(): void;
}

/** How an artifact's marked content opens (page furniture needs no structure). */
export function openArtifact(kind: "layout" | "pagination"): string {
  return kind === "pagination" ? "/Artifact <</Type /Pagination /Subtype /Footer>> BDC" : "/Artifact BMC";
}

export class Tagging {
  readonly root: number;
  /** Object numbers of the elements attached and not yet written, and of every spanning element. */
  private readonly nums = new Map<StructNode, number>();
  /** Children of spanning elements, with their creation order (reading order) to sort them by. */
  private readonly spanningKids = new Map<StructNode, { id: number; num: number }[]>();
  /** ParentTree entries, in key order: key, object number, key, object number… */
  private readonly parentTree: number[] = [];
  private nextKey = 0;

  constructor(private readonly out: PdfWriter) {
    this.root = out.allocate();
  }

  /** Starts a page (the page object's number); what tags its drawings. */
  page(page: number): PageTagger {
    const key = this.nextKey++;
    const byMcid: number[] = [];
    const mcidArray = this.out.allocate();
    this.parentTree.push(key, mcidArray);
    /** The page's own elements, in the order they were attached, with their kids. */
    const elements = new Map<StructNode, Kid[]>();
    const attach = (node: StructNode): number => {
      const known = this.nums.get(node);
      if (known !== undefined) return known;
      if (node.parent !== undefined) attach(node.parent);
      const num = this.out.allocate();
      this.nums.set(node, num);
      if (SPANNING.has(node.role)) this.spanningKids.set(node, []);
      else elements.set(node, []);
      const parent = node.parent;
      if (parent !== undefined) {
        if (SPANNING.has(parent.role)) this.spanningKids.get(parent)!.push({ id: node.id, num });
        else elements.get(parent)!.push({ node: num });
      }
      return num;
    };
    const kidsOf = (node: StructNode): Kid[] => {
      const kids = elements.get(node);
      if (kids === undefined) throw new Error(`a ${node.role} element holds other elements only; content cannot be tagged with it`);
      return kids;
    };
    return {
      key,
      open: (tag) => {
        if ("artifact" in tag) return openArtifact(tag.artifact);
        const mcid = byMcid.length;
        byMcid.push(attach(tag.node));
        kidsOf(tag.node).push({ mcid });
        return `/${tag.node.role} <</MCID ${mcid}>> BDC`;
      },
      annotation: (tag, annot) => {
        if ("artifact" in tag) return undefined;
        // A QR code's annotation belongs to the Link around its Figure.
        const owner = tag.node.role === "Figure" ? tag.node.parent! : tag.node;
        const annotKey = this.nextKey++;
        this.parentTree.push(annotKey, attach(owner));
        kidsOf(owner).push({ objr: annot });
        return annotKey;
      },
      end: () => {
        for (const [node, kids] of elements) {
          const items = kids.map((kid) => ("mcid" in kid ? String(kid.mcid) : "objr" in kid ? dict({ Type: "/OBJR", Obj: ref(kid.objr), Pg: ref(page) }) : ref(kid.node)));
          this.out.object(this.nums.get(node)!, this.element(node, array(items), page));
        }
        // Only now: an element's parent may be one of the page's own elements.
        for (const node of elements.keys()) this.nums.delete(node);
        this.out.object(mcidArray, array(byMcid.map(ref)));
      },
    };
  }

  /** Writes the spanning elements, the ParentTree and the tree's root. */
  finish(): void {
    for (const [node, kids] of this.spanningKids) {
      const ordered = [...kids].sort((a, b) => a.id - b.id).map((k) => ref(k.num));
      this.out.object(this.nums.get(node)!, this.element(node, array(ordered), undefined));
    }
    const document = [...this.spanningKids.keys()].find((n) => n.parent === undefined);
    const parentTree = this.writeParentTree();
    this.out.object(
      this.root,
      dict({ Type: "/StructTreeRoot", K: document ? ref(this.nums.get(document)!) : undefined, ParentTree: ref(parentTree), ParentTreeNextKey: String(this.nextKey) }),
    );
  }

  private element(node: StructNode, kids: string, page: number | undefined): string {
    const parent = node.parent === undefined ? this.root : this.nums.get(node.parent)!;
    return dict({
      Type: "/StructElem",
      S: `/${node.role}`,
      P: ref(parent),
      K: kids,
      Pg: page === undefined ? undefined : ref(page),
      Alt: node.alt === undefined ? undefined : text(node.alt),
    });
  }

  /** A number tree: its entries in leaves of a thousand or so, under one root. */
  private writeParentTree(): number {
    const entries = this.parentTree;
    const pairs = entries.length / 2;
    const root = this.out.allocate();
    const nums = (from: number, to: number) => {
      const items: string[] = [];
      for (let i = from; i < to; i++) items.push(String(entries[2 * i]), ref(entries[2 * i + 1]!));
      return array(items);
    };
    if (pairs <= LEAVES_PER_NODE) {
      this.out.object(root, dict({ Nums: nums(0, pairs) }));
      return root;
    }
    const leaves: number[] = [];
    for (let from = 0; from < pairs; from += LEAVES_PER_NODE) {
      const to = Math.min(pairs, from + LEAVES_PER_NODE);
      const leaf = this.out.allocate();
      leaves.push(leaf);
      this.out.object(leaf, dict({ Limits: array([String(entries[2 * from]), String(entries[2 * (to - 1)])]), Nums: nums(from, to) }));
    }
    this.out.object(root, dict({ Kids: array(leaves.map(ref)) }));
    return root;
  }
}
