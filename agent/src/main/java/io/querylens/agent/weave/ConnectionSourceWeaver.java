package io.querylens.agent.weave;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.HashMap;
import java.util.Map;

/**
 * Rewrites each hooked method (see {@link HookedMethod}) of one class so that it starts with
 * {@code long call = ConnectionHooks.enterX(this);} and returns {@code ConnectionHooks.exitX(result, call, this, args…)}
 * instead of {@code result}. A method that throws just throws: the call counter only grows (see
 * {@code ConnectionCalls}), so nothing needs undoing on that path, and no exception handler is added.
 *
 * <p>The class keeps its shape (no new member, field or method), so the same rewrite serves classes being loaded and
 * classes retransformed after a dynamic attach. The one new local variable takes the slot after the method's own
 * locals, so no existing slot moves; every stack-map frame is extended with it (as {@code long}), and no code is
 * added at a branch target, so no frame has to be computed, which would need the class hierarchy.
 */
final class ConnectionSourceWeaver {
    private static final int API = Opcodes.ASM9;

    private ConnectionSourceWeaver() {
    }

    /** The rewritten class, or {@code null} when it declares no hooked method. */
    static byte[] weave(byte[] classfile) {
        ClassReader reader = new ClassReader(classfile);
        Map<String, Integer> maxLocalsByMethod = new HashMap<>();
        reader.accept(new HookedMethodsFinder(maxLocalsByMethod), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (maxLocalsByMethod.isEmpty()) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(API, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                Integer maxLocals = maxLocalsByMethod.get(name + descriptor);
                return maxLocals == null ? target
                        : new HookingMethodVisitor(target, HookedMethod.of(name, descriptor), maxLocals);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** First pass: which hooked methods have code here, and how many local slots each already uses. */
    private static final class HookedMethodsFinder extends ClassVisitor {
        private final Map<String, Integer> maxLocalsByMethod;

        HookedMethodsFinder(Map<String, Integer> maxLocalsByMethod) {
            super(API);
            this.maxLocalsByMethod = maxLocalsByMethod;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
                    || HookedMethod.of(name, descriptor) == null) {
                return null;
            }
            return new MethodVisitor(API) {
                @Override
                public void visitMaxs(int maxStack, int maxLocals) {
                    maxLocalsByMethod.put(name + descriptor, maxLocals);
                }
            };
        }
    }

    private static final class HookingMethodVisitor extends MethodVisitor {
        private final HookedMethod hooked;
        private final int callSlot;

        HookingMethodVisitor(MethodVisitor target, HookedMethod hooked, int callSlot) {
            super(API, target);
            this.hooked = hooked;
            this.callSlot = callSlot;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HookedMethod.HOOKS, hooked.enterHook,
                    HookedMethod.ENTER_DESCRIPTOR, false);
            super.visitVarInsn(Opcodes.LSTORE, callSlot);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.ARETURN) {
                super.visitVarInsn(Opcodes.LLOAD, callSlot);
                super.visitVarInsn(Opcodes.ALOAD, 0);
                for (int parameter = 1; parameter <= hooked.parameterCount; parameter++) {
                    super.visitVarInsn(Opcodes.ALOAD, parameter);
                }
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HookedMethod.HOOKS, hooked.exitHook,
                        hooked.exitDescriptor, false);
            }
            super.visitInsn(opcode);
        }

        /** Frames arrive expanded ({@link ClassReader#EXPAND_FRAMES}): append the call slot to each frame's locals. */
        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            Object[] locals = new Object[numLocal + callSlot + 1];
            int count = 0;
            int slots = 0;
            for (int i = 0; i < numLocal; i++) {
                locals[count++] = local[i];
                slots += Opcodes.LONG.equals(local[i]) || Opcodes.DOUBLE.equals(local[i]) ? 2 : 1;
            }
            for (; slots < callSlot; slots++) {
                locals[count++] = Opcodes.TOP;
            }
            locals[count++] = Opcodes.LONG;
            super.visitFrame(type, count, locals, numStack, stack);
        }
    }
}
