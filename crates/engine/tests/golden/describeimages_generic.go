// go get github.com/alibabacloud-go/ecs-20140526/v7
package main

import (
	"fmt"
	"os"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/openapi-util/service"
	ecs "github.com/alibabacloud-go/ecs-20140526/v7/client"
	util "github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/tea"
)

func main() {
	config := &openapi.Config{
		AccessKeyId:        tea.String(os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_ID")),
		AccessKeySecret:    tea.String(os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")),
		Endpoint:           tea.String("127.0.0.1:8765"),
		Protocol:           tea.String("http"),
		RegionId:           tea.String("cn-shanghai"),
		SignatureAlgorithm: tea.String("v2"), // V1 HMAC-SHA1 query signature; omit for V3
	}
	client, err := ecs.NewClient(config)
	if err != nil {
		panic(err)
	}
	query := map[string]interface{}{
		"RegionId": "cn-shanghai",
		"Status":   "Creating,Waiting",
	}
	params := &openapi.Params{
		Action: tea.String("DescribeImages"), Version: tea.String("2014-05-26"), Protocol: tea.String("HTTP"),
		Pathname: tea.String("/"), Method: tea.String("POST"), AuthType: tea.String("AK"),
		Style: tea.String("RPC"), ReqBodyType: tea.String("formData"), BodyType: tea.String("json"),
	}
	request := &openapi.OpenApiRequest{Query: openapiutil.Query(query)}
	response, err := client.CallApi(params, request, &util.RuntimeOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(response["body"])
}
