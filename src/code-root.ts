/**
 * The root of the server's code: src/ when it runs from its TypeScript sources, dist/src/ after
 * `nest build`, and the folder of the one-file build (dist/src/main.bundle.js, `npm run bundle`),
 * which is the same dist/src/. This file sits at that root, so its `__dirname` is right in all
 * three; a file deeper down would see the bundle's folder in the bundle and its own elsewhere.
 * Files shipped beside the code (the sample article, the web assets) are found from here.
 */
export const CODE_ROOT = __dirname;
