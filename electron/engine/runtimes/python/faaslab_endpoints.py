"""AWS_ENDPOINT_URL for botocore releases that predate it.

botocore reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> from 1.31 on, as Lambda's Python
runtimes ship it; Debian's python3-botocore (1.29) does not, so a function calling boto3 would go
to real AWS with faaslab's dummy credentials. For an older botocore, this makes Session.create_client
take its endpoint from those variables when the caller gave none, as the newer botocore does. It
touches nothing until the function imports botocore, and nothing at all on a botocore that knows
the variables.
"""
import importlib.util
import os
import re
import sys

# botocore's service names whose service id differs from the name (AWS_ENDPOINT_URL_<ID>).
_SERVICE_IDS = {"events": "EVENTBRIDGE", "dynamodbstreams": "DYNAMODB_STREAMS", "lambda": "LAMBDA"}


def endpoint_for(service_name):
    service_id = _SERVICE_IDS.get(service_name, service_name.upper().replace("-", "_"))
    return os.environ.get("AWS_ENDPOINT_URL_" + service_id) or os.environ.get("AWS_ENDPOINT_URL")


def _knows_endpoint_variables(botocore_module):
    major_minor = tuple(int(x) for x in re.findall(r"\d+", getattr(botocore_module, "__version__", "0.0"))[:2])
    return major_minor >= (1, 31)


def patch_session(session_module):
    if _knows_endpoint_variables(sys.modules.get("botocore")):
        return
    original = session_module.Session.create_client

    def create_client(self, *args, **kwargs):
        # endpoint_url is create_client's sixth parameter (after service_name, region_name,
        # api_version, use_ssl, verify); boto3 passes everything by keyword.
        if len(args) < 6 and kwargs.get("endpoint_url") is None:
            name = args[0] if args else kwargs.get("service_name")
            endpoint = endpoint_for(name) if name else None
            if endpoint:
                kwargs["endpoint_url"] = endpoint
        return original(self, *args, **kwargs)

    session_module.Session.create_client = create_client


class _BotocoreSessionFinder:
    """Finds botocore.session as usual and patches it once it has run."""

    def find_spec(self, name, path=None, target=None):
        if name != "botocore.session":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            patch_session(module)

        loader.exec_module = exec_and_patch
        return spec


def install():
    """Called once the function's variables are set; does nothing without AWS_ENDPOINT_URL."""
    if not any(k.startswith("AWS_ENDPOINT_URL") for k in os.environ):
        return
    if "botocore.session" in sys.modules:
        patch_session(sys.modules["botocore.session"])
    else:
        sys.meta_path.insert(0, _BotocoreSessionFinder())
