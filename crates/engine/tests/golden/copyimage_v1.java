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
                .setEndpoint("ecs.cn-hangzhou.aliyuncs.com")
                .setProtocol("https")
                .setRegionId("cn-hangzhou");
        config.setSignatureAlgorithm("v2"); // V1 HMAC-SHA1 query signature; omit for V3
        Client client = new Client(config);
        CopyImageRequest request = new CopyImageRequest()
                .setRegionId("cn-hangzhou")
                .setImageId("m-bp1h46wfpjsjastc****")
                .setDestinationRegionId("cn-shanghai")
                .setDestinationImageName("镜像 copy*~!'()")
                .setDestinationDescription("it's 100%")
                .setEncrypted(true)
                .setKMSKeyId("0e478b7a-4262-4802-b8cb-00d3fb40****")
                .setTag(java.util.Arrays.asList(
                        new CopyImageRequest.CopyImageRequestTag().setKey("env").setValue("prod"),
                        new CopyImageRequest.CopyImageRequestTag().setKey("team").setValue("")));
        CopyImageResponse response = client.copyImageWithOptions(request, new RuntimeOptions());
        System.out.println(com.aliyun.teautil.Common.toJSONString(response.getBody()));
    }
}
