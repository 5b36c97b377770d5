"""Looks at what sluice wrote: waits until a prefix holds N records, or shows keys and lines.

Reads the endpoint and credentials from the environment (build/testenv.env) with boto3, an
independent S3 client, so the quickstart checks sluice's output the way a user would.
"""
import argparse
import gzip
import os
import sys
import time

import boto3
from botocore.config import Config


def client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["S3_ENDPOINT"],
        region_name=os.environ.get("AWS_REGION", "us-east-1"),
        config=Config(s3={"addressing_style": "path"}),
    )


def objects(s3, bucket, prefix):
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        yield from page.get("Contents", [])


def body_lines(s3, bucket, key):
    data = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    if key.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8").splitlines()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["wait-records", "show"])
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--records", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--lines", type=int, default=3)
    args = parser.parse_args()
    s3, bucket = client(), os.environ["S3_BUCKET"]

    if args.command == "wait-records":
        deadline = time.time() + args.timeout
        counted = {}
        while time.time() < deadline:
            for obj in objects(s3, bucket, args.prefix):
                if obj["Key"] not in counted:
                    counted[obj["Key"]] = len(body_lines(s3, bucket, obj["Key"]))
            total = sum(counted.values())
            if total >= args.records:
                print(f"{total} records in {len(counted)} objects under {args.prefix}")
                return 0
            time.sleep(1)
        print(f"timed out: {sum(counted.values())} of {args.records} records under {args.prefix}",
              file=sys.stderr)
        return 1

    keys = [o["Key"] for o in objects(s3, bucket, args.prefix)]
    print(f"== {len(keys)} objects in s3://{bucket}/{args.prefix}")
    for key in keys:
        print(key)
    if keys:
        print(f"== first {args.lines} lines of {keys[0]}")
        for line in body_lines(s3, bucket, keys[0])[: args.lines]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
