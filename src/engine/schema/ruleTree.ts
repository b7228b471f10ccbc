/**
 * The rule tree: what the schema says about comparing each place of a
 * document. A node merges every schema that applies at its place (the schema
 * itself, what its `$ref`s point to, its `allOf` members) into one set of
 * comparison annotations and one way to reach children.
 *
 * Nodes are built lazily and cached by the schemas they merge, so a
 * recursive schema yields a finite graph, and the tree is built once per
 * schema set however many branches are audited.
 */
import type { Severity } from '../../generated/report';
import {
  X_COMPARE, X_KEY, X_MAX_WORDS, X_SEVERITY, X_TITLE, isSchemaObject, type CompareRule,
} from './keywords';
import type { SchemaRegistry } from './registry';
import type { SchemaValidator } from './validator';

type SchemaObject = Record<string, unknown>;

interface Facet {
  schema: SchemaObject;
  base: string;
}

/** A oneOf or anyOf list: the first alternative the value is valid against applies. */
interface Alternatives {
  list: unknown[];
  base: string;
}

export class RuleNode {
  readonly compare?: CompareRule;
  readonly key?: string;
  readonly severity?: Severity;
  readonly maxWords?: number;
  /** The place's names for people: `x-title` by language, and JSON Schema's `title`. */
  readonly titles?: Readonly<Record<string, string>>;
  readonly title?: string;
  /** Whether a schema here names items by position (prefixItems, or draft-07 array-form items). */
  readonly positional: boolean;
  private readonly alternatives: Alternatives[] = [];
  private readonly properties = new Map<string, RuleNode>();
  private readonly items = new Map<number, RuleNode>();
  /** Set when no schema here is a tuple: every item then has the same node. */
  private everyItem?: RuleNode;
  private readonly resolved = new Map<string, RuleNode>();

  constructor(
    private readonly tree: RuleTree,
    private readonly facets: readonly Facet[],
    /** The alternative lists already settled for this node. */
    private readonly settled: ReadonlySet<unknown[]> = new Set(),
  ) {
    this.positional = facets.some(({ schema }) => Array.isArray(schema.items) || Array.isArray(schema.prefixItems));
    // The first facet that states an annotation wins: the schema itself before
    // what it references, so a local x-compare overrides a shared definition.
    for (const { schema } of facets) {
      this.compare ??= schema[X_COMPARE] as CompareRule | undefined;
      this.key ??= schema[X_KEY] as string | undefined;
      this.severity ??= schema[X_SEVERITY] as Severity | undefined;
      this.maxWords ??= schema[X_MAX_WORDS] as number | undefined;
      this.titles ??= schema[X_TITLE] as Record<string, string> | undefined;
      if (typeof schema.title === 'string') this.title ??= schema.title;
      for (const keyword of ['oneOf', 'anyOf']) {
        const list = schema[keyword];
        if (Array.isArray(list) && !settled.has(list)) this.alternatives.push({ list, base: this.tree.baseOf(schema) });
      }
    }
  }

  /** Whether oneOf/anyOf here make the rule depend on the value (see resolve). */
  get chooses(): boolean {
    return this.alternatives.length > 0;
  }

  /**
   * This node with the oneOf/anyOf alternatives that `value` is valid against
   * merged in (the spec chooses by the standard's value). Cached per choice.
   */
  resolve(value: unknown): RuleNode {
    if (this.alternatives.length === 0 || value === undefined) return this;
    const chosen: Facet[] = [];
    const settled = new Set(this.settled);
    let signature = '';
    for (const { list, base } of this.alternatives) {
      settled.add(list);
      const index = list.findIndex((alternative) => this.tree.accepts(alternative, value));
      signature += index + ',';
      if (index >= 0) this.tree.expand(list[index], base, chosen, new Set());
    }
    let node = this.resolved.get(signature);
    if (!node) {
      node = this.tree.node([...this.facets, ...chosen], settled);
      this.resolved.set(signature, node);
    }
    return node.alternatives.length > 0 ? node.resolve(value) : node;
  }

  property(name: string): RuleNode {
    let node = this.properties.get(name);
    if (!node) {
      const facets: Facet[] = [];
      const seen = new Set<object>();
      for (const { schema, base } of this.facets) {
        const declared = ownSchema(schema.properties, name);
        const patterns = this.tree.matchingPatterns(schema.patternProperties, name);
        if (declared !== undefined) this.tree.expand(declared, base, facets, seen);
        for (const pattern of patterns) this.tree.expand(pattern, base, facets, seen);
        if (declared === undefined && patterns.length === 0) this.tree.expand(schema.additionalProperties, base, facets, seen);
      }
      node = this.tree.node(facets);
      this.properties.set(name, node);
    }
    return node;
  }

  /** The property names the schemas here declare (`properties`), in their order. */
  declared(): string[] {
    const names = new Set<string>();
    for (const { schema } of this.facets) if (isSchemaObject(schema.properties)) for (const name of Object.keys(schema.properties)) names.add(name);
    return [...names];
  }

  /** Whether the schema allows a property of this name here (JSON Schema's own rules). */
  allows(name: string): boolean {
    let evaluated = false;
    let unevaluatedClosed = false;
    for (const { schema } of this.facets) {
      const declared = ownSchema(schema.properties, name);
      const patterns = this.tree.matchingPatterns(schema.patternProperties, name);
      // A property named only to be forbidden (`"legacy": false`) is not allowed.
      if (declared === false || patterns.includes(false)) return false;
      const named = declared !== undefined || patterns.length > 0;
      if (named) evaluated = true;
      else if (schema.additionalProperties === false) return false;
      else if (schema.additionalProperties !== undefined) evaluated = true;
      if (schema.unevaluatedProperties === false) unevaluatedClosed = true;
    }
    return evaluated || !unevaluatedClosed;
  }

  item(index: number): RuleNode {
    if (this.everyItem) return this.everyItem;
    let node = this.items.get(index);
    if (!node) {
      const facets: Facet[] = [];
      const seen = new Set<object>();
      for (const { schema, base } of this.facets) {
        const tuple = Array.isArray(schema.items) ? schema.items : schema.prefixItems;
        if (Array.isArray(tuple) && index < tuple.length) {
          this.tree.expand(tuple[index], base, facets, seen);
        } else if (Array.isArray(schema.items)) {
          this.tree.expand(schema.additionalItems, base, facets, seen);
        } else {
          this.tree.expand(schema.items, base, facets, seen);
        }
      }
      node = this.tree.node(facets);
      this.items.set(index, node);
      if (!this.positional) this.everyItem = node;
    }
    return node;
  }
}

function ownSchema(map: unknown, name: string): unknown {
  if (!isSchemaObject(map) || !Object.prototype.hasOwnProperty.call(map, name)) return undefined;
  return map[name];
}

export class RuleTree {
  readonly root: RuleNode;
  /** True when some schema uses x-maxWords. */
  readonly hasMaxWords: boolean;
  private readonly nodes = new Map<string, RuleNode>();
  private readonly ids = new WeakMap<object, number>();
  private readonly patterns = new Map<string, RegExp | null>();
  private readonly accepted = new WeakMap<object, (value: unknown) => boolean>();
  private nextId = 1;

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly validator: Pick<SchemaValidator, 'subschema'>,
  ) {
    this.hasMaxWords = registry.hasMaxWords;
    const facets: Facet[] = [];
    const root = registry.resolve(registry.rootUri, registry.rootUri);
    if (root) this.expand(root.schema, root.base, facets, new Set());
    this.root = this.node(facets);
  }

  /** The node merging these facets, shared with every other place they apply. */
  node(facets: Facet[], settled?: ReadonlySet<unknown[]>): RuleNode {
    let key = '';
    for (const facet of facets) key += this.idOf(facet.schema) + ',';
    if (settled && settled.size > 0) key += '|' + [...settled].map((list) => this.idOf(list)).sort().join(',');
    let node = this.nodes.get(key);
    if (!node) {
      node = new RuleNode(this, facets, settled);
      this.nodes.set(key, node);
    }
    return node;
  }

  baseOf(schema: object): string {
    return this.registry.location(schema)?.base ?? this.registry.rootUri;
  }

  /**
   * Adds a schema and everything it brings in through `$ref` and `allOf` to
   * `out`, depth first, each schema once (so cycles end).
   */
  expand(schema: unknown, base: string, out: Facet[], seen: Set<object>): void {
    if (!isSchemaObject(schema) || seen.has(schema)) return;
    seen.add(schema);
    const here = this.registry.location(schema)?.base ?? base;
    out.push({ schema, base: here });
    for (const keyword of ['$ref', '$dynamicRef', '$recursiveRef']) {
      const ref = schema[keyword];
      if (typeof ref !== 'string') continue;
      const target = this.registry.resolve(ref, here);
      if (target) this.expand(target.schema, target.base, out, seen);
    }
    if (Array.isArray(schema.allOf)) for (const member of schema.allOf) this.expand(member, here, out, seen);
  }

  matchingPatterns(patternProperties: unknown, name: string): unknown[] {
    if (!isSchemaObject(patternProperties)) return [];
    const matches: unknown[] = [];
    for (const source of Object.keys(patternProperties)) {
      if (this.pattern(source)?.test(name)) matches.push(patternProperties[source]);
    }
    return matches;
  }

  /** Whether a value is valid against one subschema, compiled once by Ajv. */
  accepts(schema: unknown, value: unknown): boolean {
    if (typeof schema === 'boolean') return schema;
    if (!isSchemaObject(schema)) return false;
    let check = this.accepted.get(schema);
    if (!check) {
      const location = this.registry.location(schema);
      const validate = location && this.validator.subschema(location.fileUri, location.pointer);
      check = validate ? (v: unknown) => validate(v) === true : () => false;
      this.accepted.set(schema, check);
    }
    return check(value);
  }

  private pattern(source: string): RegExp | null {
    let compiled = this.patterns.get(source);
    if (compiled === undefined) {
      try {
        compiled = new RegExp(source, 'u');
      } catch {
        compiled = null;
      }
      this.patterns.set(source, compiled);
    }
    return compiled;
  }

  private idOf(value: object): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(value, id);
    }
    return id;
  }
}
