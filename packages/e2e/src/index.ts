export { type A11yViolation, seriousA11yViolations } from './a11y';
export {
  launchBrowser,
  type OpenedPage,
  openPage,
  SCREENSHOT_DIR,
  screenshot,
  unexpectedErrors,
  VIEWPORTS,
  type ViewportName,
} from './browser';
export { buildFrontsOnce, FRONTS } from './fronts';
export { type Credentials, type Stack, type StackOptions, startStack } from './stack';
export { e2eSuite } from './suite';
