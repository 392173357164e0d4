// Demonstrates a nested handler path (lib/probe.inspect) and what the context and environment hold.
exports.inspect = async (event, context) => {
  return {
    context: {
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: context.memoryLimitInMB,
      awsRequestId: context.awsRequestId,
      logGroupName: context.logGroupName,
      logStreamName: context.logStreamName,
      remainingTimeInMillis: context.getRemainingTimeInMillis(),
    },
    env: {
      AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME,
      AWS_REGION: process.env.AWS_REGION,
      AWS_EXECUTION_ENV: process.env.AWS_EXECUTION_ENV,
      LAMBDA_TASK_ROOT: process.env.LAMBDA_TASK_ROOT,
      TZ: process.env.TZ,
    },
    cwd: process.cwd(),
  };
};
