// A small JSON Schema validator covering the keywords plan.schema.json uses:
// type (with unions), enum, required, properties, additionalProperties: false, items, $ref to
// #/$defs, oneOf, minimum, minLength, pattern.
type Schema = Record<string, unknown>;

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const name = ref.replace('#/$defs/', '');
    const def = (root.$defs as Record<string, Schema>)[name];
    if (!def) throw new Error(`unknown $ref ${ref}`);
    return def;
  };
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  const check = (s: Schema, v: unknown, at: string): void => {
    if (errors.length > 20) return;
    if (s.$ref) return check(resolve(s.$ref as string), v, at);
    if (s.oneOf) {
      const ok = (s.oneOf as Schema[]).filter((o) => validateInner(o, v)).length;
      if (ok !== 1) errors.push(`${at}: matches ${ok} of oneOf`);
      return;
    }
    if (s.type) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      const t = typeOf(v);
      if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) {
        errors.push(`${at}: expected ${types.join('|')}, got ${t}`);
        return;
      }
    }
    if (s.enum && !(s.enum as unknown[]).includes(v)) errors.push(`${at}: ${JSON.stringify(v)} not in enum`);
    if (typeof v === 'number' && typeof s.minimum === 'number' && v < s.minimum) errors.push(`${at}: below minimum`);
    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && v.length < s.minLength) errors.push(`${at}: shorter than ${s.minLength}`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern).test(v)) errors.push(`${at}: does not match ${s.pattern}`);
    }
    if (Array.isArray(v) && s.items) v.forEach((x, i) => check(s.items as Schema, x, `${at}[${i}]`));
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      for (const k of (s.required as string[] | undefined) ?? []) if (!(k in o)) errors.push(`${at}: missing ${k}`);
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, x] of Object.entries(o)) {
        if (props[k]) check(props[k], x, `${at}.${k}`);
        else if (s.additionalProperties === false) errors.push(`${at}: unexpected property ${k}`);
      }
    }
  };
  const validateInner = (s: Schema, v: unknown) => {
    const before = errors.length;
    check(s, v, '');
    const ok = errors.length === before;
    errors.length = before;
    return ok;
  };
  check(root, value, '$');
  return errors;
}
