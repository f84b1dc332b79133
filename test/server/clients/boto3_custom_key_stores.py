"""boto3 against `fake-kms serve`: every custom key store operation, its outputs and its error codes.

Run by test/server/boto3.test.ts, which starts the servers and passes their URLs:
FAKE_KMS_URL (no signature checking), FAKE_KMS_TRUST_ANCHOR and FAKE_KMS_SIGNED_URL (--verify-signature with FAKE_KMS_KEY_ID:FAKE_KMS_SECRET).
"""

import datetime
import json
import os
import unittest
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = os.environ["FAKE_KMS_URL"]
TRUST_ANCHOR = os.environ["FAKE_KMS_TRUST_ANCHOR"]  # a real CA certificate, from the test that runs this
CREDENTIAL = {"AccessKeyId": "ABCDE23456ABCDE23456", "RawSecretAccessKey": "DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo="}


def kms(url=URL, region="us-east-1", key="AKIAIOSFODNN7EXAMPLE", secret="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"):
    return boto3.client(
        "kms",
        endpoint_url=url,
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )


def control(path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(URL + "/_fake-kms/" + path, data=data, method="POST" if data is not None or path == "reset" else "GET")
    request.add_header("content-type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as error:
        return error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"], error.response["Error"]["Message"]
    raise AssertionError("expected %s to fail" % call.__name__)


def wait_until_settled(client, store_id):
    for _ in range(10):
        entry = client.describe_custom_key_stores(CustomKeyStoreId=store_id)["CustomKeyStores"][0]
        if entry["ConnectionState"] not in ("CONNECTING", "DISCONNECTING"):
            return entry
    raise AssertionError("store never settled")


class CloudHsmKeyStoreThroughBoto3(unittest.TestCase):
    def setUp(self):
        control("reset")
        self.kms = kms()

    def create(self, name="payments-hsm", cluster="cluster-abcdefghijk"):
        return self.kms.create_custom_key_store(
            CustomKeyStoreName=name, CloudHsmClusterId=cluster, TrustAnchorCertificate=TRUST_ANCHOR, KeyStorePassword="kmsPswd-123"
        )["CustomKeyStoreId"]

    def test_the_whole_lifecycle(self):
        store_id = self.create()
        self.assertRegex(store_id, r"^cks-[0-9a-f]{17}$")
        entry = self.kms.describe_custom_key_stores(CustomKeyStoreId=store_id)["CustomKeyStores"][0]
        self.assertEqual(entry["CustomKeyStoreName"], "payments-hsm")
        self.assertEqual(entry["ConnectionState"], "DISCONNECTED")
        self.assertEqual(entry["CustomKeyStoreType"], "AWS_CLOUDHSM")
        self.assertIsInstance(entry["CreationDate"], datetime.datetime)
        self.assertNotIn("KeyStorePassword", entry)
        self.kms.connect_custom_key_store(CustomKeyStoreId=store_id)
        self.assertEqual(wait_until_settled(self.kms, store_id)["ConnectionState"], "CONNECTED")
        self.kms.update_custom_key_store(CustomKeyStoreId=store_id, NewCustomKeyStoreName="renamed-hsm")
        self.kms.disconnect_custom_key_store(CustomKeyStoreId=store_id)
        self.assertEqual(wait_until_settled(self.kms, store_id)["ConnectionState"], "DISCONNECTED")
        self.kms.update_custom_key_store(CustomKeyStoreId=store_id, KeyStorePassword="kmsPswd-456")
        self.kms.delete_custom_key_store(CustomKeyStoreId=store_id)
        code, status, message = error_of(self.kms.describe_custom_key_stores, CustomKeyStoreId=store_id)
        self.assertEqual((code, status), ("CustomKeyStoreNotFoundException", 400))
        self.assertIn(store_id, message)

    def test_error_codes_of_each_operation(self):
        store_id = self.create()
        self.assertEqual(error_of(self.create, cluster="cluster-bcdefghijkm")[0], "CustomKeyStoreNameInUseException")
        self.assertEqual(error_of(self.create, name="another")[0], "CloudHsmClusterInUseException")
        # botocore checks minimum lengths itself; a pattern it leaves to the server.
        code, status, message = error_of(
            self.kms.create_custom_key_store,
            CustomKeyStoreName="bad-cluster",
            CloudHsmClusterId="cluster-00000000000",
            TrustAnchorCertificate=TRUST_ANCHOR,
            KeyStorePassword="kmsPswd-123",
        )
        self.assertEqual((code, status), ("ValidationException", 400))
        self.assertIn("at 'cloudHsmClusterId' failed to satisfy constraint: Member must satisfy regular expression pattern", message)
        self.kms.connect_custom_key_store(CustomKeyStoreId=store_id)
        wait_until_settled(self.kms, store_id)
        self.assertEqual(error_of(self.kms.delete_custom_key_store, CustomKeyStoreId=store_id)[0], "CustomKeyStoreInvalidStateException")
        self.assertEqual(
            error_of(self.kms.update_custom_key_store, CustomKeyStoreId=store_id, KeyStorePassword="kmsPswd-789")[0],
            "CustomKeyStoreInvalidStateException",
        )
        for operation in ("connect_custom_key_store", "disconnect_custom_key_store", "delete_custom_key_store"):
            code = error_of(getattr(self.kms, operation), CustomKeyStoreId="cks-00000000000000000")[0]
            self.assertEqual(code, "CustomKeyStoreNotFoundException", operation)

    def test_a_connect_fails_the_way_the_world_says(self):
        store_id = self.create()
        control("world/clusters/cluster-abcdefghijk/lockOutKmsUser", [])
        self.kms.connect_custom_key_store(CustomKeyStoreId=store_id)
        entry = wait_until_settled(self.kms, store_id)
        self.assertEqual((entry["ConnectionState"], entry["ConnectionErrorCode"]), ("FAILED", "USER_LOCKED_OUT"))
        self.assertEqual(error_of(self.kms.connect_custom_key_store, CustomKeyStoreId=store_id)[0], "CustomKeyStoreInvalidStateException")

    def test_an_injected_internal_error_reaches_boto3_as_a_500(self):
        control("fail-next", {"operation": "DescribeCustomKeyStores", "code": "KMSInternalException", "times": 1})
        code, status, _ = error_of(self.kms.describe_custom_key_stores)
        self.assertEqual((code, status), ("KMSInternalException", 500))

    def test_the_paginator_walks_every_page(self):
        names = ["paged-%d" % i for i in range(5)]
        for i, name in enumerate(names):
            self.create(name=name, cluster="cluster-pagedclstr" + "abcde"[i])
        pages = list(self.kms.get_paginator("describe_custom_key_stores").paginate(PaginationConfig={"PageSize": 2}))
        self.assertEqual(len(pages), 3)
        self.assertEqual([s["CustomKeyStoreName"] for p in pages for s in p["CustomKeyStores"]], names)

    def test_stores_live_in_the_region_of_the_credential_scope(self):
        store_id = self.create()
        code = error_of(kms(region="eu-west-1").describe_custom_key_stores, CustomKeyStoreId=store_id)[0]
        self.assertEqual(code, "CustomKeyStoreNotFoundException")


class ExternalKeyStoreThroughBoto3(unittest.TestCase):
    def setUp(self):
        control("reset")
        self.kms = kms()

    def test_a_public_endpoint_store_connects_updates_and_reports_proxy_errors(self):
        store_id = self.kms.create_custom_key_store(
            CustomKeyStoreName="xks-public",
            CustomKeyStoreType="EXTERNAL_KEY_STORE",
            XksProxyConnectivity="PUBLIC_ENDPOINT",
            XksProxyUriEndpoint="https://xks.example.com",
            XksProxyUriPath="/kms/xks/v1",
            XksProxyAuthenticationCredential=CREDENTIAL,
        )["CustomKeyStoreId"]
        entry = self.kms.describe_custom_key_stores(CustomKeyStoreId=store_id)["CustomKeyStores"][0]
        self.assertEqual(entry["XksProxyConfiguration"]["Connectivity"], "PUBLIC_ENDPOINT")
        self.assertEqual(entry["XksProxyConfiguration"]["AccessKeyId"], CREDENTIAL["AccessKeyId"])
        self.assertNotIn("RawSecretAccessKey", json.dumps(entry, default=str))
        self.kms.connect_custom_key_store(CustomKeyStoreId=store_id)
        self.assertEqual(wait_until_settled(self.kms, store_id)["ConnectionState"], "CONNECTED")
        self.kms.disconnect_custom_key_store(CustomKeyStoreId=store_id)
        wait_until_settled(self.kms, store_id)
        control("world/proxies/xks.example.com/takeOffline", [])
        code = error_of(self.kms.update_custom_key_store, CustomKeyStoreId=store_id, XksProxyUriPath="/kms/xks/v2")[0]
        self.assertEqual(code, "XksProxyUriUnreachableException")
        self.kms.connect_custom_key_store(CustomKeyStoreId=store_id)
        entry = wait_until_settled(self.kms, store_id)
        self.assertEqual((entry["ConnectionState"], entry["ConnectionErrorCode"]), ("FAILED", "XKS_PROXY_NOT_REACHABLE"))

    def test_a_vpc_endpoint_service_store_needs_its_service(self):
        code = error_of(
            self.kms.create_custom_key_store,
            CustomKeyStoreName="xks-vpc",
            CustomKeyStoreType="EXTERNAL_KEY_STORE",
            XksProxyConnectivity="VPC_ENDPOINT_SERVICE",
            XksProxyUriEndpoint="https://xks.example.com",
            XksProxyUriPath="/kms/xks/v1",
            XksProxyAuthenticationCredential=CREDENTIAL,
        )[0]
        self.assertEqual(code, "ValidationException")


class SignatureCheckingThroughBoto3(unittest.TestCase):
    def test_a_configured_key_is_answered(self):
        client = kms(url=os.environ["FAKE_KMS_SIGNED_URL"], key=os.environ["FAKE_KMS_KEY_ID"], secret=os.environ["FAKE_KMS_SECRET"])
        self.assertEqual(client.describe_custom_key_stores()["CustomKeyStores"], [])

    def test_an_unknown_key_and_a_wrong_secret_are_refused_like_aws_refuses_them(self):
        url = os.environ["FAKE_KMS_SIGNED_URL"]
        unknown = kms(url=url, key="AKIANOTCONFIGURED000", secret=os.environ["FAKE_KMS_SECRET"])
        self.assertEqual(error_of(unknown.describe_custom_key_stores)[:2], ("UnrecognizedClientException", 400))
        wrong = kms(url=url, key=os.environ["FAKE_KMS_KEY_ID"], secret="not-the-secret")
        self.assertEqual(error_of(wrong.describe_custom_key_stores)[:2], ("InvalidSignatureException", 400))



class KeysThroughBoto3(unittest.TestCase):
    def setUp(self):
        control("reset")
        self.kms = kms()
        self.store_id = self.kms.create_custom_key_store(
            CustomKeyStoreName="keys-hsm", CloudHsmClusterId="cluster-keysclusterab", TrustAnchorCertificate=TRUST_ANCHOR, KeyStorePassword="kmsPswd-123"
        )["CustomKeyStoreId"]
        self.kms.connect_custom_key_store(CustomKeyStoreId=self.store_id)
        wait_until_settled(self.kms, self.store_id)

    def test_a_key_in_a_store_encrypts_and_decrypts_and_is_unavailable_after_a_disconnect(self):
        key = self.kms.create_key(CustomKeyStoreId=self.store_id, Origin="AWS_CLOUDHSM")["KeyMetadata"]
        self.assertEqual((key["CustomKeyStoreId"], key["Origin"], key["KeyState"]), (self.store_id, "AWS_CLOUDHSM", "Enabled"))
        blob = self.kms.encrypt(KeyId=key["KeyId"], Plaintext=b"card 4111")["CiphertextBlob"]
        self.assertNotIn(b"card 4111", blob)
        decrypted = self.kms.decrypt(CiphertextBlob=blob)
        self.assertEqual(decrypted["Plaintext"], b"card 4111")
        self.assertEqual(decrypted["KeyId"], key["Arn"])
        self.kms.disconnect_custom_key_store(CustomKeyStoreId=self.store_id)
        wait_until_settled(self.kms, self.store_id)
        self.assertEqual(self.kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"], "Unavailable")
        self.assertEqual(error_of(self.kms.encrypt, KeyId=key["KeyId"], Plaintext=b"x")[0], "KMSInvalidStateException")
        self.assertEqual(error_of(self.kms.decrypt, CiphertextBlob=blob)[0], "KMSInvalidStateException")


if __name__ == "__main__":
    unittest.main()
