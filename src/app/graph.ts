/**
 * The network of actors and claims, for the desk's graph view: each canonical claim is a node tied to its
 * subject and object, and to every holder with the stance they take. Built from the ledger, narrowed to a
 * story or an entity, and capped to the best-supported claims so the picture stays readable.
 */
import type { Store } from "../store/types.js";
import type { CanonicalClaim, Stance } from "../types.js";
import { listLedger } from "./ledger.js";

export interface GraphNode {
  id: string;
  label: string;
  kind: "actor" | "claim";
  /** Claim type for claims; for actors, how often they appear. */
  detail: string;
  contested?: boolean;
}

export interface GraphEdge {
  source: string;
  target: string;
  role: "subject" | "object" | "holder";
  stance?: Stance;
}

export interface ClaimGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Claims that matched before the cap. */
  totalClaims: number;
}

export interface GraphQuery {
  storyId?: string;
  entity?: string;
  /** At most this many claims (default 80). */
  limit?: number;
}

const actorId = (name: string) => `actor:${name.toLowerCase()}`;

export async function claimGraph(store: Store, query: GraphQuery = {}): Promise<ClaimGraph> {
  const claims = await listLedger(store, {
    ...(query.storyId ? { storyId: query.storyId } : {}),
    ...(query.entity ? { entity: query.entity } : {}),
  });
  const chosen: CanonicalClaim[] = [...claims]
    .sort((a, b) => b.independentSources - a.independentSources || b.mentions - a.mentions)
    .slice(0, query.limit ?? 80);
  const actors = new Map<string, GraphNode & { count: number }>();
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const actor = (name: string) => {
    const id = actorId(name);
    const seen = actors.get(id);
    if (seen) seen.count += 1;
    else actors.set(id, { id, label: name, kind: "actor", detail: "", count: 1 });
    return id;
  };
  for (const c of chosen) {
    const id = `claim:${c.id}`;
    const what = [c.quantity?.text, c.item].filter(Boolean).join(" ");
    nodes.push({
      id,
      label: `${c.type.replaceAll("_", " ").toLowerCase()}${what ? `: ${what}` : ""}`,
      kind: "claim",
      detail: c.type,
      contested: c.contested,
    });
    if (c.subject) edges.push({ source: actor(c.subject), target: id, role: "subject" });
    if (c.object) edges.push({ source: id, target: actor(c.object), role: "object" });
    for (const h of c.holders)
      edges.push({ source: actor(h.holder), target: id, role: "holder", stance: h.stance });
  }
  const actorNodes = [...actors.values()].map(({ count, ...n }) => ({ ...n, detail: String(count) }));
  return { nodes: [...actorNodes, ...nodes], edges, totalClaims: claims.length };
}
