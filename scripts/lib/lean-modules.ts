// Import this first in a long-lived process started through tsx (the export process). tsx turns
// Node's source maps on and appends each transformed file's map to its code, which V8 then
// keeps as source text, and Node keeps the parsed maps too: tens of MB for react-pdf, exceljs
// and Prisma. With them off, modules loaded afterwards keep their code only; stack traces then
// point into the transformed code, which is fine for the logs of a background process.
process.setSourceMapsEnabled(false);
