import { describe, expect, it } from 'vitest';
import { OvmsError } from '../../../src/errors/OvmsError.js';
import { normalizeVersion } from '../../../src/middleware/normalizeVersion.js';
import { kserveModelPath } from '../../../src/protocols/kserve/kservePaths.js';
import { modelSegment } from '../../../src/protocols/kserve/modelSegment.js';

describe('kserveModelPath', () => {
  it('builds metadata, ready and infer paths with and without a version', () => {
    expect(kserveModelPath('dummy', undefined)).toBe('/v2/models/dummy');
    expect(kserveModelPath('dummy', '3')).toBe('/v2/models/dummy/versions/3');
    expect(kserveModelPath('dummy', undefined, 'ready')).toBe('/v2/models/dummy/ready');
    expect(kserveModelPath('dummy', '2', 'infer')).toBe('/v2/models/dummy/versions/2/infer');
  });

  it('encodes a name as one segment, as OVMS requires for names with a slash (F37)', () => {
    expect(kserveModelPath('BAAI/bge-reranker-large', undefined, 'ready')).toBe('/v2/models/BAAI%2Fbge-reranker-large/ready');
    expect(modelSegment('a?b#c%d e')).toBe('a%3Fb%23c%25d%20e');
    expect(modelSegment('résumé')).toBe('r%C3%A9sum%C3%A9');
    expect(modelSegment('a/../b')).toBe('a%2F..%2Fb');
  });

  it.each(['', '.', '..', 'a\u0000b', 'line\nbreak', 'del\u007f'])('rejects %j as InvalidInput', (name) => {
    expect(() => modelSegment(name)).toThrow(OvmsError);
    try {
      modelSegment(name);
    } catch (error) {
      expect((error as OvmsError).reason).toEqual({ _tag: 'InvalidInput', field: 'model' });
    }
  });

  it('refuses a non-numeric version even if a middleware put one there', () => {
    expect(() => kserveModelPath('m', '1/../x')).toThrow(/version: expected digits/);
  });
});

describe('normalizeVersion', () => {
  it('maps the default forms to undefined and numbers to canonical strings', () => {
    expect([undefined, 'latest', 'LATEST', '', ' ', 0, '0', '000'].map(normalizeVersion)).toEqual(Array(8).fill(undefined));
    expect([3, '3', ' 3 ', '007', '72487667423532349025128558057'].map(normalizeVersion)).toEqual(['3', '3', '3', '7', '72487667423532349025128558057']);
  });

  it.each(['v2', '1.5', '-1', '1/../x', '2?x', 1.5, -1, Number.NaN])('rejects %j', (v) => {
    expect(() => normalizeVersion(v)).toThrow(/^version: expected a non-negative integer or "latest"/);
  });
});
