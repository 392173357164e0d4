/** Projection expressions: path (',' path)*, without overlapping paths. */
import type { DocumentPath } from './ast.js';
import type { ExpressionInputs } from './inputs.js';
import { Parser } from './parser.js';
import { checkOverlaps } from './update-parser.js';

export function parseProjection(source: string, inputs: ExpressionInputs): DocumentPath[] {
  const paths = new ProjectionParser(source, 'ProjectionExpression', inputs).parse();
  checkOverlaps(paths, 'ProjectionExpression');
  return paths;
}

class ProjectionParser extends Parser {
  parse(): DocumentPath[] {
    try {
      const paths = [this.path()];
      while (this.acceptPunct(',')) paths.push(this.path());
      this.expectEnd();
      return paths;
    } catch (err) {
      throw this.wrap(err);
    }
  }
}
