import v2014 from '../../test-data/docs-customer-2014-07-27.json' with { type: 'json' };
import v2015 from '../../test-data/docs-customer-2015-11-17.json' with { type: 'json' };
import v2017 from '../../test-data/docs-customer-2017-11-02.json' with { type: 'json' };
import v2019 from '../../test-data/docs-customer-2019-05-29.json' with { type: 'json' };

type Json = Record<string, unknown>;

/** Omise's documented customer for each API version, with where each part comes from (test-data/README.md). */
export const DOCS_EXAMPLES: readonly { version: string; answer: Json }[] = [v2014, v2015, v2017, v2019];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every key path under `value` (objects and array items alike), depth first. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  const children = Array.isArray(value)
    ? value.map((item, i) => [String(i), item] as const)
    : isObject(value)
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

function edited(answer: Json, path: string[], edit: (parent: Json | unknown[], key: string) => void): Json {
  const copy = structuredClone(answer);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = Reflect.get(parent as object, key);
  edit(parent as Json | unknown[], path.at(-1) as string);
  return copy;
}

/**
 * The answer with each optional key in turn removed, then set to null: every key at every depth
 * but the two a created customer is known by (`object` and `id` at the top). Labels name the path.
 */
export function withEachOptionalKeyGone(answer: Json): { label: string; answer: Json }[] {
  const optional = paths(answer).filter((path) => !(path.length === 1 && (path[0] === 'object' || path[0] === 'id')));
  return optional.flatMap((path) => {
    const name = path.join('.');
    const removed = edited(answer, path, (parent, key) => {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    });
    const nulled = edited(answer, path, (parent, key) => Reflect.set(parent, key, null));
    return [
      { label: `without ${name}`, answer: removed },
      { label: `with ${name}: null`, answer: nulled },
    ];
  });
}

/** The answer with only `object` and `id`: the least a created customer can be. */
export const bare = (answer: Json): Json => ({ object: answer.object, id: answer.id });
