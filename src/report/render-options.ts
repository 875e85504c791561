/** How a report is rendered: what the command line asked for, and where the file goes. */
export interface RenderOptions {
  /** Console: list every interaction, not only failures. */
  verbose?: boolean;
  /** The folder the file is written to: links to the documented pages are made relative to it. */
  outDir?: string;
}
