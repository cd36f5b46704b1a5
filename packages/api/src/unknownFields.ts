// Unknown fields, as the API server's strict decoding finds them: sigs.k8s.io/json's
// UnmarshalStrict reports every key that the Go type has no field for, by its path
// (`spec.completionz`, `spec.template.spec.containers[0].imagePullPolcy`). kubectl asks for it by
// default (--validate=strict: `strict decoding error: unknown field "spec.completionz"`); without
// it the API server drops such keys with a warning (fieldValidation=Warn, its default).
// The field names come from k8s.io/api's json tags (fieldTree.generated.ts, tools/fieldtree).
import { JobFieldTree } from './fieldTree.generated.js';
import { isDate } from './internal/failure.js';

/**
 * The JSON fields of a Go type and of the types it holds. A type reference is a struct name (a
 * key of `types`), `[]T` (a list), `map[]T` (a map with any keys) or a leaf (a scalar, or a type
 * that decodes itself such as `meta/v1.Time` or `api/resource.Quantity`).
 * @category Decoding
 */
export interface FieldTree {
  /** Where the names come from, e.g. `k8s.io/api v0.37.2, k8s.io/apimachinery v0.37.2`. */
  readonly source: string;
  readonly root: string;
  readonly types: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** How the API server treats unknown fields (its `fieldValidation` parameter; kubectl's --validate). */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** sigs.k8s.io/json's wording of one unknown field. */
export const unknownFieldMessage = (path: string): string => `unknown field ${JSON.stringify(path)}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v);

/**
 * The paths of the keys in `input` that batch/v1 Job has no field for, in input order, as
 * strict decoding names them: keys joined with `.`, list items as `[i]`. Maps (labels,
 * annotations, resources, nodeSelector, ...) take any key; a leaf's content (a RawExtension,
 * fieldsV1) is not looked into; values of the wrong type are the decoder's to report. Never
 * throws; shared subobjects are walked once (input with aliases costs its size, not its paths).
 * @category Decoding
 */
export function unknownJobFields(input: unknown, tree: FieldTree = JobFieldTree): string[] {
  const out: string[] = [];
  const seen = new Map<object, Set<string>>();
  const walk = (v: unknown, ref: string, path: string): void => {
    if (typeof v !== 'object' || v === null) return;
    let refs = seen.get(v);
    if (refs === undefined) seen.set(v, (refs = new Set()));
    if (refs.has(ref)) return;
    refs.add(ref);
    if (ref.startsWith('[]')) {
      if (!Array.isArray(v)) return;
      const item = ref.slice(2);
      if (!descends(tree, item)) return;
      for (let i = 0; i < v.length; i++) {
        // A hole has no JSON form (the decoder reports it): stop, or a sparse length of 2^32 - 1
        // would cost 2^32 steps.
        if (v[i] === undefined) break;
        walk(v[i], item, `${path}[${i}]`);
      }
      return;
    }
    if (ref.startsWith('map[]')) {
      const item = ref.slice(5);
      if (!isObject(v) || !descends(tree, item)) return;
      for (const k of Object.keys(v)) walk(v[k], item, path === '' ? k : `${path}.${k}`);
      return;
    }
    const fields = tree.types[ref];
    if (fields === undefined || !isObject(v)) return;
    for (const k of Object.keys(v)) {
      const child = v[k];
      if (child === undefined) continue; // no JSON form: the key is not there
      const p = path === '' ? k : `${path}.${k}`;
      const childRef = Object.prototype.hasOwnProperty.call(fields, k) ? fields[k] : undefined;
      if (childRef === undefined) out.push(p);
      else walk(child, childRef, p);
    }
  };
  try {
    walk(input, tree.root, '');
  } catch {
    // A getter or proxy that throws: the decoder reports the input; nothing more to add here.
  }
  return out;
}

/** Whether values of type `ref` can hold fields (a struct, or a list or map of them). */
function descends(tree: FieldTree, ref: string): boolean {
  let r = ref;
  for (;;) {
    if (r.startsWith('[]')) r = r.slice(2);
    else if (r.startsWith('map[]')) r = r.slice(5);
    else return tree.types[r] !== undefined;
  }
}
