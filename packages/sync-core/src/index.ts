// Filled in by the package's issue.
export {};
