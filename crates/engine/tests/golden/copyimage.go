// go get github.com/alibabacloud-go/ecs-20140526/v7
package main

import (
	"fmt"
	"os"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v7/client"
	util "github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/tea"
)

func main() {
	config := &openapi.Config{
		AccessKeyId:     tea.String(os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_ID")),
		AccessKeySecret: tea.String(os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")),
		Endpoint:        tea.String("ecs.cn-hangzhou.aliyuncs.com"),
		Protocol:        tea.String("https"),
		RegionId:        tea.String("cn-hangzhou"),
	}
	client, err := ecs.NewClient(config)
	if err != nil {
		panic(err)
	}
	request := &ecs.CopyImageRequest{
		RegionId:               tea.String("cn-hangzhou"),
		ImageId:                tea.String("m-bp1h46wfpjsjastc****"),
		DestinationRegionId:    tea.String("cn-shanghai"),
		DestinationImageName:   tea.String("镜像 copy*~!'()"),
		DestinationDescription: tea.String("it's 100%"),
		Encrypted:              tea.Bool(true),
		KMSKeyId:               tea.String("0e478b7a-4262-4802-b8cb-00d3fb40****"),
		Tag: []*ecs.CopyImageRequestTag{
			{Key: tea.String("env"), Value: tea.String("prod")},
			{Key: tea.String("team"), Value: tea.String("")},
		},
	}
	response, err := client.CopyImageWithOptions(request, &util.RuntimeOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(response.Body.String())
}
