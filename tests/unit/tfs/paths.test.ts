import { describe, expect, it } from 'vitest';
import { isOvmsErrorReason, OvmsError } from '../../../src/errors/OvmsError.js';
import { tfsModelPath, tfsModelSegment } from '../../../src/protocols/tfs/tfsPaths.js';

describe('tfsModelPath (rest-api.md §2)', () => {
  it('builds status, metadata and predict paths with and without a version', () => {
    expect([
      tfsModelPath('resnet', undefined),
      tfsModelPath('resnet', '1'),
      tfsModelPath('resnet', undefined, 'metadata'),
      tfsModelPath('resnet', '23', 'metadata'),
      tfsModelPath('resnet', undefined, 'predict'),
      tfsModelPath('resnet', '2', 'predict'),
    ]).toEqual([
      '/v1/models/resnet',
      '/v1/models/resnet/versions/1',
      '/v1/models/resnet/metadata',
      '/v1/models/resnet/versions/23/metadata',
      '/v1/models/resnet:predict',
      '/v1/models/resnet/versions/2:predict',
    ]);
  });

  it('encodes the name as one segment', () => {
    expect(tfsModelSegment('my model%1')).toBe('my%20model%251');
    expect(tfsModelSegment('résumé')).toBe('r%C3%A9sum%C3%A9');
    expect(tfsModelPath('a?b#c', undefined, 'predict')).toBe('/v1/models/a%3Fb%23c:predict');
  });

  it.each(['BAAI/bge-reranker-large', 'ns:model', 'a:b/c'])('refuses %j, which TFS matches with [^/:]+', (name) => {
    let error: unknown;
    try {
      tfsModelPath(name, undefined, 'predict');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OvmsError);
    expect((error as OvmsError).reason).toEqual({ _tag: 'InvalidInput', field: 'model' });
    expect((error as OvmsError).message).toMatch(/cannot address .*\[\^\/:\]\+.*use the KServe API/);
  });

  it.each(['', '.', '..', 'a\u0000b'])('refuses %j like every model path', (name) => {
    expect(() => tfsModelSegment(name)).toThrow(OvmsError);
  });

  it('refuses a non-numeric version even if a middleware put one there', () => {
    let error: unknown;
    try {
      tfsModelPath('m', '1:predict');
    } catch (e) {
      error = e;
    }
    expect(isOvmsErrorReason(error, 'InvalidInput') && error.reason.field).toBe('version');
  });
});
