// PaddleOCR (PP-OCRv4, ONNX, through @gutenye/ocr-node) on the images
// listed in a file, one path a line; prints one JSON object a line:
//   {"i": index, "lines": [{"text": "…", "conf": 0.97, "box": [x0, y0, x1, y1]}]}
//
//   node recognise.mjs cells LIST   each image is one table cell: its lines
//                                   found and read (else read whole as one)
//   node recognise.mjs page LIST    each image is a page: text lines found by
//                                   the detection model, then recognised
//
// Used only by gongkai's engine comparison (GONGKAI_OCR_COMPARE=1, package
// parser); gongkai itself never runs it. One thread, like tesseract under
// OMP_THREAD_LIMIT=1, so that CPU times compare.
import fs from "node:fs";
import Ocr from "@gutenye/ocr-node"; // registers the Node backend (onnxruntime-node, sharp)
// Not exported by the packages: the recognition model alone, for cells.
import { Recognition } from "./node_modules/@gutenye/ocr-common/build/models/Recognition.js";
import { ImageRaw } from "./node_modules/@gutenye/ocr-node/build/ImageRaw.js";

const [mode, list] = process.argv.slice(2);
if (!["cells", "page"].includes(mode) || !list) {
  console.error("usage: node recognise.mjs cells|page LIST");
  process.exit(2);
}
const paths = fs.readFileSync(list, "utf8").split("\n").filter(Boolean);
const onnxOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential" };

function box(b) {
  // gutenye boxes are four corner points [[x, y], …]
  const xs = b.map((p) => p[0]), ys = b.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

if (mode === "page") {
  const ocr = await Ocr.create({ onnxOptions });
  for (let i = 0; i < paths.length; i++) {
    const lines = await ocr.detect(paths[i], { onnxOptions });
    process.stdout.write(JSON.stringify({ i, lines: lines.map((l) => ({ text: l.text, conf: l.mean, box: box(l.box) })) }) + "\n");
  }
} else {
  // A cell: its text lines found by the detection model (a label may wrap
  // over several lines); a cell where it finds none (a short number the
  // detector misses) is read whole by the recognition model.
  const ocr = await Ocr.create({ onnxOptions });
  const rec = await Recognition.create({ onnxOptions });
  for (let i = 0; i < paths.length; i++) {
    let lines = (await ocr.detect(paths[i], { onnxOptions })).map((l) => ({ text: l.text, conf: l.mean, box: box(l.box) }));
    lines = lines.filter((l) => l.text);
    if (!lines.length) {
      const image = await ImageRaw.open(paths[i]);
      const b = [[0, 0], [image.width, 0], [image.width, image.height], [0, image.height]];
      lines = (await rec.run([{ image, box: b }], { onnxOptions })).filter((l) => l.text).map((l) => ({ text: l.text, conf: l.mean, box: [0, 0, image.width, image.height] }));
    }
    lines.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
    process.stdout.write(JSON.stringify({ i, lines }) + "\n");
  }
}
