using System.Text.Json;
using System.Text.Json.Serialization;
using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Serialization;

/// <summary>A scalar as 64 lower-case hex digits.</summary>
internal sealed class ScalarJsonConverter : JsonConverter<Scalar>
{
    public override Scalar Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A scalar must be a string of 64 hex digits.");
        }

        try
        {
            return Scalar.FromHex(reader.GetString()!);
        }
        catch (CryptoFormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Scalar value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToHex());
}
