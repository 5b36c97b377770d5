// MSK IAM authentication for sluice's Kafka clients: the OAUTHBEARER token source built from the
// login module options a worker configuration gives (kafka::ClientConfig::msk_iam_options).
//
// The Java client authenticates to MSK's IAM listeners with the aws-msk-iam-auth library. sluice
// does the same natively: it signs the kafka-cluster:Connect request with the AWS credential chain
// (or the profile / role the options name) and gives librdkafka the result as an OAUTHBEARER
// token, which MSK accepts on the same listeners (spec msk-connect-and-aws.md §3.2).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kafka/oauthbearer_token.h"
#include "util/status.h"

namespace sluice::runtime {

// The signing region: from the MSK broker host names in `bootstrap_servers`, else AWS_REGION,
// else AWS_DEFAULT_REGION, else the `region` of the AWS profile (awsProfileName, AWS_PROFILE or
// default) in the shared config file, else the EC2 instance's region from IMDS. kInvalidArgument
// when none says it (naming what to set), or for a bad login module option. The source is shared by
// every client of the connector and thread-safe.
Result<kafka::OAuthBearerTokenSource> make_msk_iam_token_source(
    const std::vector<std::pair<std::string, std::string>>& login_options,
    const std::string& bootstrap_servers);

}  // namespace sluice::runtime
