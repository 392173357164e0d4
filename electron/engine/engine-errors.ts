/** The function named does not exist in the workspace (Invoke API: 404 ResourceNotFoundException). */
export class FunctionNotFoundError extends Error {
  override name = 'ResourceNotFoundException';
  constructor(readonly functionRef: string) {
    super(`Function not found: ${functionRef}`);
  }
}

/** The function's configuration would not deploy on Lambda, so it cannot run here either. */
export class FunctionConfigError extends Error {
  override name = 'InvalidParameterValueException';
  constructor(
    readonly logicalId: string,
    readonly problems: string[],
  ) {
    super(`${logicalId} cannot run: ${problems.join('; ')}`);
  }
}

/** The engine is shutting down: nothing new starts. */
export class EngineClosedError extends Error {
  override name = 'ServiceException';
  constructor() {
    super('faaslab is shutting down');
  }
}
