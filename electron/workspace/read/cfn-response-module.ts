/**
 * The cfn-response module CloudFormation adds beside inline code (Code.ZipFile, which SAM's
 * InlineCode becomes): `import cfnresponse` in Python, `require('cfn-response')` in Node.js.
 * Custom resources written inline use it to answer CloudFormation; without it such a function
 * fails at import. faaslab's own implementation of the documented module: send(event, context,
 * status, data, physicalResourceId, noEcho, reason) PUTs the custom resource response (AWS
 * CloudFormation User Guide: "cfn-response module", "Custom resource response objects") to the
 * event's ResponseURL.
 */

const PYTHON = `# faaslab's cfn-response module, as CloudFormation provides it beside inline code.
import json
import urllib.request

SUCCESS = "SUCCESS"
FAILED = "FAILED"


def send(event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None):
    body = json.dumps({
        "Status": responseStatus,
        "Reason": reason or "See the details in CloudWatch Log Stream: " + context.log_stream_name,
        "PhysicalResourceId": physicalResourceId or context.log_stream_name,
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "NoEcho": noEcho,
        "Data": responseData,
    }).encode("utf-8")
    print("Response body:")
    print(body.decode("utf-8"))
    request = urllib.request.Request(event["ResponseURL"], data=body, method="PUT", headers={"Content-Type": "", "Content-Length": str(len(body))})
    try:
        with urllib.request.urlopen(request) as response:
            print("Status code:", response.status)
    except Exception as e:
        print("send(..) failed executing http.request(..):", e)
`;

const NODE = `'use strict';
// faaslab's cfn-response module, as CloudFormation provides it beside inline code.
const https = require('https');
const http = require('http');

exports.SUCCESS = 'SUCCESS';
exports.FAILED = 'FAILED';

exports.send = function (event, context, responseStatus, responseData, physicalResourceId, noEcho, reason) {
  const body = JSON.stringify({
    Status: responseStatus,
    Reason: reason || 'See the details in CloudWatch Log Stream: ' + context.logStreamName,
    PhysicalResourceId: physicalResourceId || context.logStreamName,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: noEcho || false,
    Data: responseData,
  });
  console.log('Response body:\\n', body);
  const url = new URL(event.ResponseURL);
  const client = url.protocol === 'http:' ? http : https;
  // The function ends once CloudFormation has its answer (context.done where the runtime has it);
  // the promise lets an async handler await the same moment.
  const finish = () => {
    if (typeof context.done === 'function') context.done();
  };
  return new Promise((resolve) => {
    const request = client.request(url, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (response) => {
      console.log('Status code: ' + response.statusCode);
      response.resume();
      response.on('end', () => {
        resolve();
        finish();
      });
    });
    request.on('error', (error) => {
      console.log('send(..) failed executing https.request(..): ' + error);
      resolve();
      finish();
    });
    request.end(body);
  });
};
`;

/** The module's files for a runtime family, by path inside the inline code's folder. */
export function cfnResponseFiles(family: string): Record<string, string> {
  if (family === 'python') return { 'cfnresponse.py': PYTHON };
  if (family === 'nodejs') return { 'node_modules/cfn-response/index.js': NODE };
  return {};
}
