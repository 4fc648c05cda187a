import { describe, expect, it } from 'vitest';
import { isOvmsErrorReason, type OvmsError } from '../../../src/errors/OvmsError.js';
import { decodeTfsModelMetadata } from '../../../src/protocols/tfs/decodeTfsModelMetadata.js';
import { decodeTfsPredictResponse } from '../../../src/protocols/tfs/decodeTfsPredictResponse.js';
import { datatypeToTfsDtype, tfsDtypeToDatatype } from '../../../src/protocols/tfs/tfsDtype.js';
import { tfsMetadataToModelMetadata } from '../../../src/protocols/tfs/tfsMetadataToModelMetadata.js';
import { DATATYPES } from '../../../src/tensors/datatypes.js';
import { bodyOf } from './tfsFixtures.js';

function decodeFailure(run: () => unknown): OvmsError {
  try {
    run();
  } catch (error) {
    if (isOvmsErrorReason(error, 'Decode')) return error;
    throw error;
  }
  throw new Error('expected a Decode error');
}

describe('decodeTfsModelMetadata (rest-api.md §2)', () => {
  it('flattens the scalar signature of F04', () => {
    expect(decodeTfsModelMetadata(bodyOf('F04'))).toEqual({
      name: 'resnet',
      version: '23',
      signatureName: 'serving_default',
      methodName: '',
      inputs: [{ name: 'Input_Scalar', tensorName: 'Input_Scalar', dtype: 'DT_FLOAT', shape: [], unknownRank: false }],
      outputs: [{ name: 'Output_Scalar', tensorName: 'Output_Scalar', dtype: 'DT_INT32', shape: [], unknownRank: false }],
    });
  });

  it('reads the documentation example F05 (no signatureName, dim names or unknownRank), keyed by the signature key', () => {
    expect(decodeTfsModelMetadata(new TextEncoder().encode(bodyOf('F05')))).toEqual({
      name: 'person-detection',
      version: '1',
      signatureName: 'serving_default',
      methodName: 'tensorflow/serving/predict',
      inputs: [{ name: 'data', tensorName: 'data_2:0', dtype: 'DT_FLOAT', shape: [1, 3, 400, 600], unknownRank: false }],
      outputs: [{ name: 'detection_out', tensorName: 'detection_out_2:0', dtype: 'DT_FLOAT', shape: [1, 1, 200, 7], unknownRank: false }],
    });
  });

  it('turns "-1" sizes into -1 and fills protobuf defaults', () => {
    const body = JSON.stringify({
      modelSpec: { name: 'dyn', signatureName: '', version: '2' },
      metadata: {
        signature_def: {
          '@type': 'type.googleapis.com/tensorflow.serving.SignatureDefMap',
          signatureDef: { serving_default: { inputs: { x: { dtype: 'DT_HALF', tensorShape: { dim: [{ size: '-1', name: '' }, { size: '3', name: '' }], unknownRank: false }, name: 'x' } }, outputs: { y: { name: 'y' } } } },
        },
      },
    });
    expect(decodeTfsModelMetadata(body)).toEqual({
      name: 'dyn',
      version: '2',
      signatureName: 'serving_default',
      methodName: '',
      inputs: [{ name: 'x', tensorName: 'x', dtype: 'DT_HALF', shape: [-1, 3], unknownRank: false }],
      outputs: [{ name: 'y', tensorName: 'y', dtype: 'DT_INVALID', shape: [], unknownRank: true }],
    });
  });

  it('fails with Decode for a KServe body or a body without serving_default', () => {
    expect(decodeFailure(() => decodeTfsModelMetadata('{"name":"dummy","versions":["1"],"platform":"OpenVINO","inputs":[],"outputs":[]}')).message).toMatch(
      /^tfsGetModelMetadata: unexpected answer at modelSpec/,
    );
    const two = JSON.stringify({ modelSpec: { name: 'm' }, metadata: { signature_def: { signatureDef: { a: {}, b: {} } } } });
    expect(decodeFailure(() => decodeTfsModelMetadata(two)).message).toBe('tfsGetModelMetadata: no "serving_default" signature in the answer (signatures: a, b)');
  });
});

describe('tfsMetadataToModelMetadata', () => {
  it('converts F05 to the KServe ModelMetadata shape', () => {
    expect(tfsMetadataToModelMetadata(decodeTfsModelMetadata(bodyOf('F05')))).toEqual({
      name: 'person-detection',
      versions: ['1'],
      platform: 'OpenVINO',
      inputs: [{ name: 'data', datatype: 'FP32', shape: [1, 3, 400, 600] }],
      outputs: [{ name: 'detection_out', datatype: 'FP32', shape: [1, 1, 200, 7] }],
    });
  });

  it('converts F04 scalars and maps DT_INT32', () => {
    expect(tfsMetadataToModelMetadata(decodeTfsModelMetadata(bodyOf('F04')))).toEqual({
      name: 'resnet',
      versions: ['23'],
      platform: 'OpenVINO',
      inputs: [{ name: 'Input_Scalar', datatype: 'FP32', shape: [] }],
      outputs: [{ name: 'Output_Scalar', datatype: 'INT32', shape: [] }],
    });
  });

  it('refuses a tensor of unknown rank', () => {
    const meta = { name: 'm', version: undefined, signatureName: 's', methodName: '', inputs: [{ name: 'x', tensorName: 'x', dtype: 'DT_FLOAT', shape: [], unknownRank: true }], outputs: [] };
    expect(decodeFailure(() => tfsMetadataToModelMetadata(meta)).message).toMatch(/tensor "x" of model "m" has an unknown rank/);
  });
});

describe('TFS dtype ↔ KServe datatype', () => {
  it('maps every TensorFlow dtype OVMS writes', () => {
    const dtypes = ['DT_BOOL', 'DT_UINT8', 'DT_UINT16', 'DT_UINT32', 'DT_UINT64', 'DT_INT8', 'DT_INT16', 'DT_INT32', 'DT_INT64', 'DT_HALF', 'DT_BFLOAT16', 'DT_FLOAT', 'DT_DOUBLE', 'DT_STRING'];
    expect(Object.fromEntries(dtypes.map((d) => [d, tfsDtypeToDatatype(d)]))).toEqual({
      DT_BOOL: 'BOOL',
      DT_UINT8: 'UINT8',
      DT_UINT16: 'UINT16',
      DT_UINT32: 'UINT32',
      DT_UINT64: 'UINT64',
      DT_INT8: 'INT8',
      DT_INT16: 'INT16',
      DT_INT32: 'INT32',
      DT_INT64: 'INT64',
      DT_HALF: 'FP16',
      DT_BFLOAT16: 'BF16',
      DT_FLOAT: 'FP32',
      DT_DOUBLE: 'FP64',
      DT_STRING: 'BYTES',
    });
  });

  it('maps dtypes without a KServe counterpart to INVALID', () => {
    expect(['DT_INVALID', 'DT_COMPLEX64', 'DT_QINT8', 'DT_RESOURCE', 'toString', ''].map(tfsDtypeToDatatype)).toEqual(Array(6).fill('INVALID'));
  });

  it('round-trips every KServe datatype', () => {
    expect(DATATYPES.map((d) => tfsDtypeToDatatype(datatypeToTfsDtype(d)))).toEqual([...DATATYPES]);
  });
});

describe('decodeTfsPredictResponse (rest-api.md §2)', () => {
  it('row, several outputs: a list of per-instance objects (F08)', () => {
    expect(decodeTfsPredictResponse(bodyOf('F08'), 'row')).toEqual({
      predictions: [
        { output1: [[5, 10, -3, 2.5]], output2: [5, 2, 3, 8, -2] },
        { output1: [[9, 55.5, -0.5, -1.5]], output2: [-100, 0, 125, 4, -1] },
      ],
    });
  });

  it('row, one output: a bare nested list (F10)', () => {
    expect(decodeTfsPredictResponse(bodyOf('F10'), 'row')).toEqual({ predictions: [[[5, 10, -3, 2.5]], [[9, 55.5, -0.5, -1.5]]] });
  });

  it('column, one output: a bare nested list (F11), strings (F13), a bare scalar (F14)', () => {
    expect(decodeTfsPredictResponse(bodyOf('F11'), 'column')).toEqual({ outputs: [[[5, 10, -3, 2.5]], [[9, 55.5, -0.5, -1.5]]] });
    expect(decodeTfsPredictResponse(bodyOf('F13'), 'column')).toEqual({ outputs: ['Hello', 'World'] });
    expect(decodeTfsPredictResponse(bodyOf('F14'), 'column')).toEqual({ outputs: 5.1 });
  });

  it('fails with Decode when the key of the format is missing', () => {
    expect(decodeFailure(() => decodeTfsPredictResponse(bodyOf('F14'), 'row')).message).toBe('tfsPredict: unexpected answer at predictions: Invalid key: Expected "predictions" but received undefined');
    expect(decodeFailure(() => decodeTfsPredictResponse(bodyOf('F10'), 'column')).message).toMatch(/^tfsPredict: unexpected answer at outputs/);
    expect(decodeFailure(() => decodeTfsPredictResponse('{"predictions": 1', 'row')).message).toMatch(/^tfsPredict: the server's answer is not valid JSON/);
  });
});
