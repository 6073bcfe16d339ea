// Runs before every test file: the polyfills that entry points import first.
import '../src/polyfills.js';
