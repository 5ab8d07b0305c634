/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The component framework the page tests use — miniprogram-simulate on j-component on exparser —
 * loaded once for the browser, with typed handles on the few parts the preview touches.
 * Importing simulate defines the globals `Component` and `Behavior` and a `wx` of no-op mocks.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

export type Data = Record<string, unknown>;

/** What a page or component method sees as `this`. */
export interface Caller {
  data: Data;
  setData(data: Data): void;
  triggerEvent(name: string, detail?: unknown, options?: { bubbles?: boolean; composed?: boolean }): void;
  _exparserNode: ExparserNode;
  [method: string]: unknown;
}

export interface ExparserNode {
  $$: HTMLElement;
  addListener(name: string, handler: (event: { target: ExparserNode }) => void): void;
}

export interface RootComponent {
  dom: HTMLElement;
  instance: Caller;
  attach(parent: HTMLElement): void;
  detach(): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

interface Simulate {
  load(path: string, tagName: string, options: { rootPath: string; compiler: 'official' }): string;
  render(id: string): RootComponent;
}

export interface BuiltinDefinition {
  id: string;
  tagName: string;
  template: string;
  properties?: Record<string, { type: unknown; value?: unknown }>;
  data?: Data;
  options?: Data;
  methods?: Record<string, (this: Caller, ...args: never[]) => unknown>;
  observers?: Record<string, (this: Caller, ...args: never[]) => void>;
  lifetimes?: Record<string, (this: Caller) => void>;
}

const exparser = require('miniprogram-exparser') as { Element: { getMethodCaller(node: unknown): Caller }; registerElement(def: { options?: Data }): unknown };
// As in WeChat's own renderer, `id="…"` in WXML reaches the DOM (j-component leaves it out):
// patched before simulate loads, so its built-ins are registered this way too.
const registerElement = exparser.registerElement;
exparser.registerElement = (def) => registerElement({ ...def, options: { ...def.options, writeIdToDOM: true } });

export const simulate = require('miniprogram-simulate') as Simulate;
export const jComponent = require('j-component') as { register(definition: BuiltinDefinition): string };

/** simulate's and j-component's helpers, patched in place: both call them through these objects. */
export const simulateUtils = require('miniprogram-simulate/src/utils') as { transformRpx(css: string): string };
export const jComponentUtils = require('j-component/src/tool/utils') as { transformRpx(css: string): string };
export const simulateWxss = require('miniprogram-simulate/src/wxss') as { compile(wxss: string, options: Data): string };

/** The component behind a rendered element (exparser marks its DOM with `__wxElement`). */
export function callerOf(element: Element): Caller | undefined {
  const node = (element as Element & { __wxElement?: unknown }).__wxElement;
  return node ? exparser.Element.getMethodCaller(node) : undefined;
}

/** The nearest element rendered by the framework, where touch events must start. */
export function closestRendered(target: EventTarget | null): HTMLElement | null {
  for (let el = target instanceof Element ? target : null; el; el = el.parentElement) {
    if ((el as Element & { __wxElement?: unknown }).__wxElement) return el as HTMLElement;
  }
  return null;
}
