using System.Text.Json;
using System.Text.Json.Serialization;
using Ballotline.Crypto.Group;

namespace Ballotline.Crypto.Serialization;

/// <summary>A point as 66 lower-case hex digits (SEC1 compressed), checked by <paramref name="arithmetic"/> (see <see cref="GroupElement.Decode(ReadOnlySpan{byte}, bool, PublicArithmetic)"/>). The identity is refused.</summary>
internal sealed class GroupElementJsonConverter(PublicArithmetic arithmetic) : JsonConverter<GroupElement>
{
    public override GroupElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A point must be a string of 66 hex digits.");
        }

        try
        {
            return GroupElement.FromHex(reader.GetString()!, allowIdentity: false, arithmetic);
        }
        catch (CryptoFormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, GroupElement value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToHex());
}
