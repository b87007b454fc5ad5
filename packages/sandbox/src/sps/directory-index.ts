import { SortedNames } from "./sorted-names.js";

/** One folder: its children's names in order, which of them are files, and how many files each subfolder holds. */
interface Folder {
  names: SortedNames;
  files: Set<string>;
  filesBelow: Map<string, number>;
}

/** A child of a folder: a file, or a folder that holds at least one file. */
export interface FolderChild {
  name: string;
  type: "file" | "directory";
}

/**
 * The mailbox's folders, kept as files arrive and leave (`out/PO/x.json` makes `""` hold `out`, `out` hold `PO` and
 * `out/PO` hold `x.json`), so a listing reads one folder's names in order instead of scanning and sorting every path.
 */
export class DirectoryIndex {
  readonly #folders = new Map<string, Folder>();

  /** Records a new file path (`out/PO/x.json`). Call once per path: an overwrite is not a new file. */
  add(path: string): void {
    const segments = path.split("/");
    let folderPath = "";
    for (const [depth, name] of segments.entries()) {
      let folder = this.#folders.get(folderPath);
      if (!folder) {
        folder = { names: new SortedNames(), files: new Set(), filesBelow: new Map() };
        this.#folders.set(folderPath, folder);
      }
      if (depth === segments.length - 1) folder.files.add(name);
      else folder.filesBelow.set(name, (folder.filesBelow.get(name) ?? 0) + 1);
      folder.names.add(name);
      folderPath = folderPath === "" ? name : `${folderPath}/${name}`;
    }
  }

  /** Forgets a file path recorded with `add`; folders left without files go with it. */
  remove(path: string): void {
    const segments = path.split("/");
    let folderPath = "";
    for (const [depth, name] of segments.entries()) {
      const folder = this.#folders.get(folderPath);
      if (!folder) return;
      if (depth === segments.length - 1) folder.files.delete(name);
      else {
        const below = (folder.filesBelow.get(name) ?? 0) - 1;
        if (below > 0) folder.filesBelow.set(name, below);
        else folder.filesBelow.delete(name);
      }
      if (!folder.files.has(name) && !folder.filesBelow.has(name)) folder.names.delete(name);
      if (folder.names.size === 0) this.#folders.delete(folderPath);
      folderPath = folderPath === "" ? name : `${folderPath}/${name}`;
    }
  }

  /** Whether a folder (`out/PO`) holds at least one file. */
  holdsFiles(folderPath: string): boolean {
    return this.#folders.has(folderPath);
  }

  /** The children of a folder from `start` on (`start` included when `inclusive`), in name order. */
  *children(folderPath: string, start: string, inclusive: boolean): Generator<FolderChild> {
    const folder = this.#folders.get(folderPath);
    if (!folder) return;
    for (const name of folder.names.from(start, inclusive)) {
      yield { name, type: folder.filesBelow.has(name) ? "directory" : "file" };
    }
  }

  clear(): void {
    this.#folders.clear();
  }
}
