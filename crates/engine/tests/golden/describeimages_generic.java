// Maven: com.aliyun:ecs20140526
import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.*;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;

public class Sample {
    public static void main(String[] args) throws Exception {
        Config config = new Config()
                .setAccessKeyId(System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"))
                .setAccessKeySecret(System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
                .setEndpoint("127.0.0.1:8765")
                .setProtocol("http")
                .setRegionId("cn-shanghai");
        config.setSignatureAlgorithm("v2"); // V1 HMAC-SHA1 query signature; omit for V3
        Client client = new Client(config);
        java.util.Map<String, Object> query = new java.util.LinkedHashMap<>();
        query.put("RegionId", "cn-shanghai");
        query.put("Status", "Creating,Waiting");
        com.aliyun.teaopenapi.models.Params params = new com.aliyun.teaopenapi.models.Params()
                .setAction("DescribeImages").setVersion("2014-05-26").setProtocol("HTTP").setPathname("/").setMethod("POST")
                .setAuthType("AK").setStyle("RPC").setReqBodyType("formData").setBodyType("json");
        com.aliyun.teaopenapi.models.OpenApiRequest request = new com.aliyun.teaopenapi.models.OpenApiRequest()
                .setQuery(com.aliyun.openapiutil.Client.query(query));
        java.util.Map<String, ?> response = client.callApi(params, request, new RuntimeOptions());
        System.out.println(com.aliyun.teautil.Common.toJSONString(response.get("body")));
    }
}
