// The record's JSON read strictly, as the C# verifier reads it (docs/schemas): valid UTF-8, no property twice,
// every documented field present, no undocumented field, each value of its documented type. A file that is not
// in its documented shape is refused with its path, instead of surfacing later as an undefined value.

export class ShapeError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes, file) {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ShapeError(`${file} is not valid UTF-8`);
  }
}

/** The first key that appears twice in one object of a syntactically valid JSON text, or null. */
function duplicateKey(text) {
  const stack = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1));
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = j;
    } else if (ch === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (ch === '[') stack.push(null);
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',' && top) top.expectKey = true;
  }
  return null;
}

/** Parses `text` (from `file`) and checks it against `spec`. */
export function parseStrict(text, spec, file) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ShapeError(`${file} is not JSON: ${e.message}`);
  }
  const repeated = duplicateKey(text);
  if (repeated !== null) throw new ShapeError(`${file} has the property '${repeated}' twice`);
  conform(value, spec, '$', file);
  return value;
}

export const T = {
  string: { kind: 'string' },
  int: { kind: 'int' },
  bool: { kind: 'bool' },
  any: { kind: 'any' },
  nullable: (of) => ({ kind: 'nullable', of }),
  array: (of) => ({ kind: 'array', of }),
  map: (of) => ({ kind: 'map', of }),
  object: (fields, optional = {}) => ({ kind: 'object', fields, optional }),
  pattern: (regex, what) => ({ kind: 'pattern', regex, what }),
};

function conform(value, spec, path, file) {
  const fail = (what) => {
    throw new ShapeError(`${file} is not in its documented shape: ${path} ${what}`);
  };
  switch (spec.kind) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') fail('must be a string');
      return;
    case 'pattern':
      if (typeof value !== 'string' || !spec.regex.test(value)) fail(`must be ${spec.what}`);
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail('must be an integer');
      return;
    case 'bool':
      if (typeof value !== 'boolean') fail('must be true or false');
      return;
    case 'nullable':
      if (value !== null) conform(value, spec.of, path, file);
      return;
    case 'array':
      if (!Array.isArray(value)) fail('must be an array');
      value.forEach((item, i) => conform(item, spec.of, `${path}[${i}]`, file));
      return;
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('must be an object');
      for (const [k, v] of Object.entries(value)) conform(v, spec.of, `${path}.${k}`, file);
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('must be an object');
      for (const key of Object.keys(value)) {
        if (!(key in spec.fields) && !(key in spec.optional)) fail(`has the undocumented field '${key}'`);
      }
      for (const [key, field] of Object.entries(spec.fields)) {
        if (!(key in value)) fail(`lacks the field '${key}'`);
        conform(value[key], field, `${path}.${key}`, file);
      }
      for (const [key, field] of Object.entries(spec.optional)) {
        if (key in value) conform(value[key], field, `${path}.${key}`, file);
      }
      return;
    }
    default:
      throw new Error(`unknown spec ${spec.kind}`);
  }
}
