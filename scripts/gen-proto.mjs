// Generates the static protobuf codec (src/codec/gen/) from proto/tianping.proto.
// The output is committed, so neither tests nor `npm start` need this step; run it after editing
// the .proto file. ESM needs the explicit `.js` suffix on protobufjs/minimal, which pbjs omits.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const outDir = 'src/codec/gen';
const js = `${outDir}/tianping.js`;
mkdirSync(outDir, { recursive: true });
execFileSync('npx', ['pbjs', '-t', 'static-module', '-w', 'es6', '--force-number', '--no-verify',
  '--no-convert', '--no-delimited', '--no-service', '-o', js, 'proto/tianping.proto'], { stdio: 'inherit' });
const fixed = readFileSync(js, 'utf8').replace(/from "protobufjs\/minimal"/g, 'from "protobufjs/minimal.js"');
writeFileSync(js, fixed);
execFileSync('npx', ['pbts', '-o', `${outDir}/tianping.d.ts`, js], { stdio: 'inherit' });
