import type { Command } from '../Command.js';
import { bench } from './bench.js';
import { chat } from './chat.js';
import { health } from './health.js';
import { infer } from './infer.js';
import { metadata } from './metadata.js';
import { models } from './models.js';
import { stats } from './stats.js';

/** Every `ovms` command, in the order `--help` lists them. */
export const allCommands: readonly Command[] = [health, models, metadata, infer, chat, stats, bench];
