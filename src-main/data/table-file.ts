/** A table file as text, decoded from its bytes on the main side (UTF-8 only). */
export interface TableFile {
  fileName: string;
  content: string;
}
