/**
 * The catalogue of built-in servables, keyed by the id used in config.json `base_path`.
 */
import { customModelServable, dummyFp16Servable, dummyServable, multiIoServable, versionedServable } from './basicServables.js';
import { embeddingsGraph, llmGraph, rerankGraph } from './graphServables.js';
import { identityServables } from './identityServables.js';
import { resnet50Servable, resnetServable } from './imageServables.js';
import type { ServableDefinition } from './ServableDefinition.js';
import { bertInt8Servable, bertServable, stringServable } from './textServables.js';

/**
 * Every built-in servable by id. Built per call (cheap) so that no module state exists.
 *
 * @returns a new map from id to definition
 */
export function builtinServables(): ReadonlyMap<string, ServableDefinition> {
  const all: ServableDefinition[] = [
    dummyServable,
    versionedServable,
    customModelServable,
    dummyFp16Servable,
    multiIoServable,
    resnetServable,
    resnet50Servable,
    bertServable,
    bertInt8Servable,
    stringServable,
    ...identityServables(),
    llmGraph,
    embeddingsGraph,
    rerankGraph,
  ];
  return new Map(all.map((s) => [s.id, s]));
}

/**
 * The built-in servable a config.json `base_path` selects: `builtin:<id>`, or any path whose
 * last segment is a built-in id (`/models/dummy` → `dummy`), so real OVMS configs work as they are.
 *
 * @returns the definition, or undefined when the path names no built-in servable
 */
export function resolveBasePath(basePath: string, catalogue: ReadonlyMap<string, ServableDefinition>): ServableDefinition | undefined {
  const id = basePath.startsWith('builtin:') ? basePath.slice('builtin:'.length) : (basePath.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '');
  return catalogue.get(id);
}
