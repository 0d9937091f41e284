/** The parts of structured-data-testing-tool (CommonJS, untyped) that the site's tests use. */
declare module 'structured-data-testing-tool' {
  interface TestResult {
    test: string;
    description?: string;
    error?: { message: string };
  }
  interface Response {
    passed: TestResult[];
    failed: TestResult[];
    warnings: TestResult[];
    schemas: string[];
  }
  const sdtt: {
    structuredDataTest(input: string, options: { presets?: unknown[]; schemas?: string[] }): Promise<Response>;
  };
  export default sdtt;
}

declare module 'structured-data-testing-tool/presets.js' {
  const presets: { Google: unknown; Twitter: unknown; Facebook: unknown };
  export default presets;
}
