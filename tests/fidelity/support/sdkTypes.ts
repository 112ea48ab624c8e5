import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API, SymbolFlags, TypeFlags, type Checker, type Symbol as TsSymbol, type Type } from 'typescript/unstable/sync';

/**
 * What the installed SDK declares for the current API version, read from stripe-node's own `.d.ts` files with the
 * TypeScript compiler API (TypeScript 7's `typescript/unstable/sync`: a type checker in a child process).
 * A property without `?` is one Stripe always sends; with `?` one it may leave out (includable or conditional).
 */
export type SdkShape =
  | { kind: 'any' }
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'null' }
  /** `undefined` / `void`: the property must be absent (e.g. `Customer.deleted?: void`). */
  | { kind: 'absent' }
  /** stripe-node's `Decimal`: a decimal string on the wire (`unit_amount_decimal`). */
  | { kind: 'decimal' }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'union'; members: SdkShape[] }
  | { kind: 'array'; item: SdkShape }
  | { kind: 'object'; name: string; type: Type }
  /** A type parameter (`ApiList<T>`'s `T`): whatever SDK type has the value's `object`. */
  | { kind: 'byObject' };

export interface SdkField {
  optional: boolean;
  shape: SdkShape;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Never written to disk: the compiler reads these two files through the API's virtual file system.
const VIRTUAL_DIR = path.join(repoRoot, 'tests/fidelity/.sdk-types');
const CONFIG = path.join(VIRTUAL_DIR, 'tsconfig.json');
const ENTRY = path.join(VIRTUAL_DIR, 'entry.ts');
const VIRTUAL_FILES: Record<string, string> = {
  [CONFIG]: JSON.stringify({
    compilerOptions: {
      module: 'ESNext',
      moduleResolution: 'Bundler',
      target: 'ES2022',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    files: [ENTRY],
  }),
  [ENTRY]: "import Stripe from 'stripe';\nexport type { Stripe };\n",
};

/** The SDK's object types, keyed by the `object` value they declare (`customer` → `Customer`, `DeletedCustomer`). */
export class SdkTypes {
  private readonly shapes = new Map<number, SdkShape>();
  private readonly fieldsOf = new Map<number, Map<string, SdkField>>();
  private readonly indexOf = new Map<number, SdkShape | null>();
  private readonly literalFields = new Map<string, SdkShape | null>();

  private constructor(
    private readonly api: API,
    private readonly checker: Checker,
    /** `object` value → the interfaces that declare it. */
    readonly byObject: Map<string, { name: string; type: Type }[]>,
    private readonly stripe: TsSymbol,
  ) {}

  /** Starts the compiler on the installed SDK's declarations (about a second). Call `close()` when done. */
  static open(): SdkTypes {
    const api = new API({
      cwd: repoRoot,
      fs: {
        readFile: (file) => VIRTUAL_FILES[file],
        fileExists: (file) => (file in VIRTUAL_FILES ? true : undefined),
        directoryExists: (dir) => (dir === VIRTUAL_DIR ? true : undefined),
      },
    });
    try {
      const snapshot = api.updateSnapshot({ openProjects: [CONFIG] });
      const project = snapshot.getProject(CONFIG) ?? snapshot.getProjects()[0];
      if (!project) throw new Error('the TypeScript API opened no project for the SDK oracle');
      const checker = project.checker;
      const entry = project.program.getSourceFile(ENTRY);
      const importName = (entry?.statements[0] as { importClause?: { name?: unknown } } | undefined)?.importClause?.name;
      const imported = importName ? checker.getSymbolAtLocation(importName as never) : undefined;
      if (!imported) throw new Error("the SDK oracle could not resolve `import Stripe from 'stripe'`");
      const stripe = checker.getAliasedSymbol(imported);
      return new SdkTypes(api, checker, objectTypesOf(checker, stripe), stripe);
    } catch (err) {
      api.close();
      throw err;
    }
  }

  close(): void {
    this.api.close();
  }

  /** The declared fields of an object type (cached). */
  fields(shape: Extract<SdkShape, { kind: 'object' }>): Map<string, SdkField> {
    const cached = this.fieldsOf.get(shape.type.id);
    if (cached) return cached;
    const symbols = this.checker.getPropertiesOfType(shape.type);
    const types = symbols.length > 0 ? this.checker.getTypeOfSymbol(symbols) : [];
    const fields = new Map<string, SdkField>();
    symbols.forEach((symbol, index) => {
      const type = types[index];
      fields.set(symbol.name, {
        optional: (symbol.flags & SymbolFlags.Optional) !== 0,
        shape: type ? this.shapeOf(type) : { kind: 'any' },
      });
    });
    this.fieldsOf.set(shape.type.id, fields);
    return fields;
  }

  /** The value shape of an object type's string index signature (`Metadata`: `{ [name: string]: string }`), if any. */
  index(shape: Extract<SdkShape, { kind: 'object' }>): SdkShape | null {
    if (!this.indexOf.has(shape.type.id)) {
      const info = this.checker.getIndexInfosOfType(shape.type)[0];
      this.indexOf.set(shape.type.id, info ? this.shapeOf(info.valueType) : null);
    }
    return this.indexOf.get(shape.type.id)!;
  }

  /**
   * The literal a field is declared as (`object: 'customer'`, `type: 'customer.created'`, `deleted: true`), without
   * reading the whole type: how a union member or an event type is picked cheaply.
   */
  literalField(shape: Extract<SdkShape, { kind: 'object' }>, name: string): SdkShape | null {
    const key = `${shape.type.id}:${name}`;
    if (!this.literalFields.has(key)) {
      const symbol = this.checker.getPropertyOfType(shape.type, name);
      const type = symbol ? this.checker.getTypeOfSymbol(symbol) : undefined;
      const fieldShape = type ? this.shapeOf(type) : null;
      this.literalFields.set(key, fieldShape && isLiteralLike(fieldShape) ? fieldShape : null);
    }
    return this.literalFields.get(key)!;
  }

  shapeOf(type: Type): SdkShape {
    const cached = this.shapes.get(type.id);
    if (cached) return cached;
    const shape = this.describe(type);
    this.shapes.set(type.id, shape);
    return shape;
  }

  /** A type the `Stripe` namespace exports by name (`StripeRawError`, the `error` of an error answer). */
  exported(name: string): Extract<SdkShape, { kind: 'object' }> {
    const member = this.checker.getMemberInModuleExports(this.stripe, name);
    if (!member) throw new Error(`the SDK exports no Stripe.${name}`);
    const symbol = member.flags & SymbolFlags.Alias ? this.checker.getAliasedSymbol(member) : member;
    return { kind: 'object', name: `Stripe.${name}`, type: this.checker.getDeclaredTypeOfSymbol(symbol) };
  }

  objectShape(entry: { name: string; type: Type }): Extract<SdkShape, { kind: 'object' }> {
    return { kind: 'object', name: entry.name, type: entry.type };
  }

  private describe(type: Type): SdkShape {
    const flags = type.flags;
    if (flags & (TypeFlags.Any | TypeFlags.Unknown)) return { kind: 'any' };
    if (flags & TypeFlags.TypeParameter) return { kind: 'byObject' };
    if (flags & TypeFlags.Boolean) return { kind: 'boolean' };
    if (flags & TypeFlags.Union) {
      const members = (type as Type & { getTypes(): readonly Type[] }).getTypes().map((member) => this.shapeOf(member));
      const booleans = members.filter((member) => member.kind === 'literal' && typeof member.value === 'boolean');
      const rest = members.filter((member) => !booleans.includes(member));
      return { kind: 'union', members: booleans.length === 2 ? [...rest, { kind: 'boolean' }] : members };
    }
    if (flags & (TypeFlags.StringLiteral | TypeFlags.NumberLiteral | TypeFlags.BooleanLiteral)) {
      return { kind: 'literal', value: (type as Type & { value: string | number | boolean }).value };
    }
    if (flags & (TypeFlags.String | TypeFlags.TemplateLiteral | TypeFlags.StringMapping)) return { kind: 'string' };
    if (flags & TypeFlags.Number) return { kind: 'number' };
    if (flags & TypeFlags.Null) return { kind: 'null' };
    if (flags & (TypeFlags.Undefined | TypeFlags.Void | TypeFlags.Never)) return { kind: 'absent' };
    if (flags & (TypeFlags.Object | TypeFlags.Intersection)) {
      const name = this.checker.typeToString(type);
      if (name === 'Decimal') return { kind: 'decimal' };
      if (this.checker.isArrayType(type)) {
        const item = this.checker.getTypeArguments(type as never)[0];
        return { kind: 'array', item: item ? this.shapeOf(item) : { kind: 'any' } };
      }
      if (this.checker.isTupleType(type)) return { kind: 'any' };
      return { kind: 'object', name, type };
    }
    return { kind: 'any' };
  }
}

function isLiteralLike(shape: SdkShape): boolean {
  if (shape.kind === 'literal' || shape.kind === 'absent') return true;
  return shape.kind === 'union' && shape.members.every((member) => member.kind === 'literal' || member.kind === 'absent');
}

/** Every interface exported by the `Stripe` namespace (and its sub-namespaces: `Checkout`, `TestHelpers`, …) with an `object` literal. */
function objectTypesOf(checker: Checker, stripe: TsSymbol): Map<string, { name: string; type: Type }[]> {
  const found = new Map<string, { name: string; type: Type }[]>();
  const visit = (symbols: readonly TsSymbol[], prefix: string, depth: number) => {
    for (const exported of symbols) {
      const symbol = exported.flags & SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (symbol.flags & SymbolFlags.Interface && !exported.name.endsWith('Params')) {
        const type = checker.getDeclaredTypeOfSymbol(symbol);
        const objectField = checker.getPropertyOfType(type, 'object');
        const objectType = objectField ? checker.getTypeOfSymbol(objectField) : undefined;
        if (objectType && objectType.flags & TypeFlags.StringLiteral) {
          const value = (objectType as Type & { value: string }).value;
          found.set(value, [...(found.get(value) ?? []), { name: `${prefix}${exported.name}`, type }]);
        }
      } else if (
        symbol.flags & SymbolFlags.Module &&
        !(symbol.flags & SymbolFlags.Interface) &&
        depth < 2 &&
        /^[A-Z]/.test(exported.name)
      ) {
        visit(checker.getExportsOfModule(symbol), `${prefix}${exported.name}.`, depth + 1);
      }
    }
  };
  visit(checker.getExportsOfModule(stripe), 'Stripe.', 0);
  return found;
}
