export type { Paragraph, Token } from "./tokens.js";
export type { Sequence } from "./perceptron.js";
