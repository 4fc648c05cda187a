import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/bundle.js';

const tsx = join(projectRoot, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

describe('npm run demo', () => {
  it('runs every example against the bundled test server and prints real results', async () => {
    // The demo imports the package by name, so it runs against the built dist/ (npm test builds first).
    const { stdout } = await promisify(execFile)(tsx, ['examples/demo.ts'], { cwd: projectRoot, encoding: 'utf8', timeout: 240_000 });
    expect(stdout).toMatch(/^OVMS-compatible test server on http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain('OpenVINO Model Server 2026.3.0: live=true ready=true');
    expect(stdout).toContain('dummy (binary): a FP32 [1, 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]');
    expect(stdout).toContain('dummy (JSON):   [[11,21,31,41,51,61,71,81,91,101]]');
    expect(stdout).toContain("string v2: [ 'HELLO', 'OVMS' ] (answered by version 2)");
    expect(stdout).toContain('versioned latest → answered by v3: [4, 4]');
    expect(stdout).toContain('InvalidInput: inputs.b: Invalid input shape - Expected: (1,10); Actual: (1,3); input name: b');
    expect(stdout).toMatch(/ovms: retrying attempt=1[\s\S]*ovms: retrying attempt=2/);
    expect(stdout).toContain('Right: [42, 42, 42, 42, 42, 42, 42, 42, 42, 42]');
    expect(stdout).toContain('stream: This| is| a| deterministic| reply| from| the| OVMS| test| server|.| You| said|:| What| is| OpenVINO| Model| Server|?|');
    expect(stdout).toContain('collected === unary: true');
    expect(stdout).toContain('embeddings: 2 × Float32Array(384) (sent as base64)');
    // The seed document's snippets, run unchanged through the OVMS class.
    expect(stdout).toContain('Custom model result: [ [ 0, 1, 3, 6, 10 ] ]');
    expect(stdout).toContain('Processed 3 inputs in one batch');
    expect(stdout).toContain('Found compatible backend: OVMS');
    expect(stdout).toContain('BERT model is available for inference');
    expect(stdout).toContain('Available versions: 1, 2, 3');
    expect(stdout).toContain('Model state: AVAILABLE');
    expect(stdout).toContain('Model optimized for maximum throughput');
    expect(stdout).toContain('Model quantized to INT8 precision');
    expect(stdout).toContain('Explanation factors:');
    expect(stdout).toContain('Response: This is a deterministic reply from the OVMS test server. You said: Hello world');
    expect(stdout).toContain('Chunk:  world');
    expect(stdout).toContain('Inference successful:');
    expect(stdout).not.toContain('!!');
    expect(stdout).toMatch(/demo: all 6 sections and 12 seed snippets ran\n?$/);
  });
});
