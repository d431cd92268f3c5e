declare module '*.md?raw' {
  const text: string;
  export default text;
}

declare module '*.svg?raw' {
  const text: string;
  export default text;
}

declare module '*.mjs?raw' {
  const text: string;
  export default text;
}

declare module '*.yml?raw' {
  const text: string;
  export default text;
}
