import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { parseAst } from 'rollup/parseAst';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleConsumer, projectRoot } from '../helpers/bundle.js';

/**
 * Every browser-facing entry, bundled for the browser from the built package (rollup + node-resolve
 * with `browser: true`, as an app's bundler would), must reach no Node built-in: no `node:` or bare
 * built-in module (`fs`, `path`, `http`, `crypto`, …) in any chunk, lazy ones included, and no free
 * reference to a Node global (`process`, `Buffer`, …) that throws a ReferenceError in a page.
 * Feature detection through `globalThis.process?.env` or `typeof process` is fine.
 */

/** Subpaths that are Node-only by design; everything else in `exports` must be browser-safe. */
const NODE_ONLY = ['./config-store', './testing', './testing/cli', './cli'];

/** Globals that exist in Node and not in a browser. */
const NODE_GLOBALS = new Set(['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate']);

const BUILTINS = new Set(builtinModules);

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const browserFacing = subpaths.filter((k) => !NODE_ONLY.includes(k));

/** `ipfs_accelerate_js/ovms/infer` for `./ovms/infer`, `ipfs_accelerate_js` for `.`. */
const specifier = (subpath: string): string => `ipfs_accelerate_js${subpath.slice(1)}`;

/** Module specifiers in bundled code (static, side-effect, dynamic imports and requires) that name a Node built-in. */
function builtinImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom|\bimport\s*\(?|\brequire\s*\()\s*(["'`])([^"'`]+)\1/g)) {
    const id = m[2] as string;
    if (id.startsWith('node:') || BUILTINS.has(id)) found.add(id);
  }
  return [...found].sort();
}

type Node = { readonly type: string; readonly [key: string]: unknown };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

/**
 * Node globals the code references without declaring them. The bundle is minified, so locals are
 * mangled; a name is treated as declared if any binding anywhere has it (conservative: no false alarm).
 */
function nodeGlobalReferences(code: string): string[] {
  const program = parseAst(code) as unknown as Node;
  const declared = new Set<string>();
  const referenced = new Set<string>();
  const bindingNames = (pattern: unknown): void => {
    if (!isNode(pattern)) return;
    if (pattern.type === 'Identifier') declared.add(pattern['name'] as string);
    else if (pattern.type === 'ObjectPattern') for (const p of pattern['properties'] as Node[]) bindingNames(p.type === 'RestElement' ? p['argument'] : p['value']);
    else if (pattern.type === 'ArrayPattern') for (const e of pattern['elements'] as unknown[]) bindingNames(e);
    else if (pattern.type === 'RestElement') bindingNames(pattern['argument']);
    else if (pattern.type === 'AssignmentPattern') bindingNames(pattern['left']);
  };
  const walk = (node: Node, parent: Node | undefined, key: string): void => {
    switch (node.type) {
      case 'VariableDeclarator':
        bindingNames(node['id']);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        bindingNames(node['id']);
        for (const p of node['params'] as Node[]) bindingNames(p);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        bindingNames(node['id']);
        break;
      case 'CatchClause':
        bindingNames(node['param']);
        break;
      case 'ImportSpecifier':
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier':
        bindingNames(node['local']);
        break;
      case 'Identifier': {
        const name = node['name'] as string;
        const notAReference =
          parent === undefined ||
          (parent.type === 'MemberExpression' && key === 'property' && parent['computed'] !== true) ||
          ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && key === 'key' && parent['computed'] !== true) ||
          parent.type === 'LabeledStatement' ||
          parent.type === 'BreakStatement' ||
          parent.type === 'ContinueStatement' ||
          parent.type.startsWith('Export') ||
          parent.type.startsWith('Import') ||
          // `typeof process` is the safe way to ask.
          (parent.type === 'UnaryExpression' && parent['operator'] === 'typeof');
        if (!notAReference && NODE_GLOBALS.has(name)) referenced.add(name);
        return;
      }
    }
    for (const [k, v] of Object.entries(node)) {
      if (Array.isArray(v)) for (const c of v) isNode(c) && walk(c, node, k);
      else if (isNode(v)) walk(v, node, k);
    }
  };
  walk(program, undefined, '');
  return [...referenced].filter((n) => !declared.has(n)).sort();
}

/**
 * Bundles every export of the given subpaths together (each as its own namespace, so no export is
 * dropped) and lists what ties the result to Node. The union reaches everything each entry reaches.
 */
async function nodeDependencies(...group: readonly string[]): Promise<{ readonly imports: string[]; readonly globals: string[]; readonly bytes: number }> {
  const source = group.map((subpath, i) => `export * as entry${i} from '${specifier(subpath)}';\n`).join('');
  const { code, minified } = await bundleConsumer(source, { browser: true });
  return { imports: builtinImports(code), globals: nodeGlobalReferences(code), bytes: minified };
}

const ovmsFamily = browserFacing.filter((k) => k === '.' || k === './ovms' || k.startsWith('./ovms/'));
const others = browserFacing.filter((k) => !ovmsFamily.includes(k));

beforeAll(() => {
  if (!existsSync(join(projectRoot, 'dist/esm/api_backends/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
});

describe('browser bundles of the browser-facing entries contain no Node built-ins', () => {
  it('the entry list covers the root, ovms, every per-operation subpath and api_backends', () => {
    expect(ovmsFamily).toEqual(expect.arrayContaining(['.', './ovms', './ovms/infer', './ovms/streamChatCompletion', './ovms/listModels', './ovms/fp', './ovms/tfs']));
    expect(ovmsFamily.length).toBeGreaterThan(30);
    expect(others).toEqual(['./api_backends']);
    for (const k of NODE_ONLY) expect(subpaths, `${k} is still an export`).toContain(k);
  });

  it(`ipfs_accelerate_js, ipfs_accelerate_js/ovms and every ipfs_accelerate_js/ovms/* subpath`, async () => {
    const found = await nodeDependencies(...ovmsFamily);
    expect(found.bytes).toBeGreaterThan(100_000);
    expect({ imports: found.imports, globals: found.globals }).toEqual({ imports: [], globals: [] });
  }, 120_000);

  // The facade wires a file store for ovms_config_path (Node); package.json's "browser" field keeps it out.
  it.each(others)('%s', async (subpath) => {
    const found = await nodeDependencies(subpath);
    expect(found.bytes).toBeGreaterThan(10_000);
    expect({ imports: found.imports, globals: found.globals }).toEqual({ imports: [], globals: [] });
  }, 120_000);
});

describe('controls: the check finds Node built-ins where they are', () => {
  it('ipfs_accelerate_js/config-store (node:fs, node:crypto, node:path) is flagged', async () => {
    const found = await nodeDependencies('./config-store');
    expect(found.imports).toEqual(expect.arrayContaining(['node:crypto', 'node:fs/promises', 'node:path']));
  }, 60_000);

  it('ipfs_accelerate_js/testing (node:http, Buffer) is flagged', async () => {
    const found = await nodeDependencies('./testing');
    expect(found.imports).toContain('node:http');
    expect(found.globals).toContain('Buffer');
  }, 60_000);

  it('free process.env and Buffer are flagged; globalThis.process?.env and typeof process are not', () => {
    expect(nodeGlobalReferences('export const a = () => process.env.X; export const b = (s) => Buffer.from(s);')).toEqual(['Buffer', 'process']);
    expect(nodeGlobalReferences('export const a = () => globalThis.process?.env?.X; export const b = typeof process < "u"; export const c = { process: 1 }.process;')).toEqual([]);
    expect(builtinImports('import{a as b}from"node:fs";import"path";import("node:crypto");require("http");import{x}from"ky"')).toEqual(['http', 'node:crypto', 'node:fs', 'path']);
  });
});
