"""A Python handler: module-level code runs once per execution environment (the Init
phase); print() and the logging module both reach the function's log stream."""
import json
import logging
import os

logger = logging.getLogger()
logger.setLevel(logging.INFO)
GREETING = os.environ.get("GREETING", "Hello")


def handler(event, context):
    name = event.get("name", "world") if isinstance(event, dict) else "world"
    print(f"event: {json.dumps(event)}")
    logger.info("greeting %s, %d ms left", name, context.get_remaining_time_in_millis())
    return {
        "statusCode": 200,
        "body": json.dumps({"message": f"{GREETING}, {name}, from Python!", "requestId": context.aws_request_id}),
    }
