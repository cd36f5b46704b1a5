// placeholder: filled in by the indexes work
export {};
