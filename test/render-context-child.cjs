// The same check with a CommonJS main module, where process.mainModule is set (as under
// process managers that wrap the entry point).
import('./render-context-child.ts').catch((e) => {
  console.error(e);
  process.exit(1);
});
