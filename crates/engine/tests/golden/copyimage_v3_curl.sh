curl -sS -X POST 'https://ecs.cn-hangzhou.aliyuncs.com/?RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc%2A%2A%2A%2A&DestinationRegionId=cn-shanghai&DestinationImageName=%E9%95%9C%E5%83%8F%20copy%2A~%21%27%28%29&DestinationDescription=it%27s%20100%25&Encrypted=true&KMSKeyId=0e478b7a-4262-4802-b8cb-00d3fb40%2A%2A%2A%2A&Tag.1.Key=env&Tag.1.Value=prod&Tag.2.Key=team&Tag.2.Value=' \
  -H 'x-acs-action: CopyImage' \
  -H 'x-acs-version: 2014-05-26' \
  -H 'x-acs-date: 2026-11-27T08:30:00Z' \
  -H 'x-acs-signature-nonce: 0b5c1f0e-7d1e-4f7a-9b59-1f2a3c4d5e6f' \
  -H 'x-acs-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' \
  -H 'Authorization: ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=2a18382356ba8a9b5e89559dadfdecade274ed103d1ba139b62def0e7b0d63cd'