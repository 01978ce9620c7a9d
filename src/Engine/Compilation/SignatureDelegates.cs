namespace Djinn.Engine.Compilation;

internal static class SignatureDelegates
{
    public static Type For(FuncType type) => throw new NotImplementedException();
    public static FuncType InferType(Type delegateType) => throw new NotImplementedException();
}

internal static class FuncTypeIds
{
    public static int Get(FuncType type) => 0;
}
