/**
 * The linkedom that clean parses pages with: its own copy (the self-contained `linkedom/worker` build, a module
 * instance apart from the `linkedom` that feeds, sanctions lists, tests and the eval baseline import), with one
 * change. Every linkedom node registers itself, in its constructor, in a module-wide WeakMap of event listeners;
 * an insertion into a WeakMap that large costs about a microsecond, several times the cost of building the
 * node, and on news pages it was the largest single cost of parsing and of Readability's edits. Nothing in
 * extraction listens to events, so in this copy nodes are built without that entry: their constructors start
 * from Object instead of EventTarget (V8 keeps its fast allocation path for a class whose base is Object; an
 * empty class of our own in between would lose it). addEventListener and removeEventListener throw;
 * dispatchEvent reaches no listener.
 *
 * This leans on how linkedom 0.18 is built (every node class derives from the exported EventTarget through
 * Node); when that no longer holds, the copy is left as it is — slower, never wrong.
 */
import { EventTarget, Node, parseHTML } from "linkedom/worker";

/** Whether nodes of this copy skip the listener registry (false: linkedom changed shape, the copy is stock). */
export const listenerFree: boolean = (() => {
  const proto = (Node as unknown as { prototype: object }).prototype;
  const nodeClass = (proto as { constructor: unknown }).constructor;
  if (typeof nodeClass !== "function" || Object.getPrototypeOf(nodeClass) !== EventTarget) return false;
  if (Object.getPrototypeOf(proto) !== EventTarget.prototype) return false;
  Object.setPrototypeOf(nodeClass, Object);
  const refuse = () => {
    throw new Error("clean: pages parsed for extraction carry no event listeners");
  };
  Object.defineProperties(proto, {
    addEventListener: { value: refuse, writable: true, configurable: true },
    removeEventListener: { value: refuse, writable: true, configurable: true },
  });
  return true;
})();

export { parseHTML };
